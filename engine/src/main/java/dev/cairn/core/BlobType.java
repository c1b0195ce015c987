package dev.cairn.core;

/** The two kinds of blob: file contents and directory trees. */
public enum BlobType {
  DATA("data"),
  TREE("tree");

  private final String json;

  BlobType(String json) {
    this.json = json;
  }

  /** The name used in index JSON and on the command line: {@code data} or {@code tree}. */
  public String json() {
    return json;
  }

  /** Parses {@code data} or {@code tree}. */
  public static BlobType parse(String s) {
    return switch (s) {
      case "data" -> DATA;
      case "tree" -> TREE;
      default -> throw new IllegalArgumentException("invalid blob type \"" + s + "\"");
    };
  }
}
