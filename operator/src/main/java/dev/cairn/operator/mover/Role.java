package dev.cairn.operator.mover;

/** Which side of a replication a mover serves. */
public enum Role {
  /** A ReplicationSource: backs up. */
  SOURCE("src", "source"),
  /** A ReplicationDestination: restores. */
  DESTINATION("dst", "destination");

  private final String shortName;
  private final String metricName;

  Role(String shortName, String metricName) {
    this.shortName = shortName;
    this.metricName = metricName;
  }

  /** {@code src} or {@code dst}, as in Volsync's object names. */
  public String shortName() {
    return shortName;
  }

  /** {@code source} or {@code destination}, the {@code role} label of Volsync's metrics. */
  public String metricName() {
    return metricName;
  }
}
