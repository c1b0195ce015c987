package dev.cairn.standalone;

/**
 * Which resource: its kind ({@code ReplicationSource} or {@code ReplicationDestination}),
 * namespace and name.
 */
public record ResourceKey(String kind, String namespace, String name) {
  public static final String SOURCE = "ReplicationSource";
  public static final String DESTINATION = "ReplicationDestination";

  /** The form of the state file and of request files: {@code Kind/namespace/name}. */
  public String id() {
    return kind + "/" + namespace + "/" + name;
  }

  /** Parses {@link #id()}; null when it is not one. */
  static ResourceKey parse(String id) {
    String[] p = id.split("/", -1);
    return p.length == 3 && (p[0].equals(SOURCE) || p[0].equals(DESTINATION))
        ? new ResourceKey(p[0], p[1], p[2]) : null;
  }

  public boolean source() {
    return SOURCE.equals(kind);
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
