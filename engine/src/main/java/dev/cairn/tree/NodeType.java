package dev.cairn.tree;

/** The kinds of tree node, with the names restic writes in the node's {@code type} field. */
public enum NodeType {
  FILE("file"),
  DIR("dir"),
  SYMLINK("symlink"),
  /** A block device. */
  DEV("dev"),
  CHARDEV("chardev"),
  FIFO("fifo"),
  SOCKET("socket"),
  /** A file of unknown type (restic 0.17 and later). */
  IRREGULAR("irregular");

  private final String json;

  NodeType(String json) {
    this.json = json;
  }

  /** The name used in tree JSON. */
  public String json() {
    return json;
  }

  /**
   * Parses a name used in tree JSON.
   *
   * @throws IllegalArgumentException for any other string
   */
  public static NodeType parse(String s) {
    for (NodeType t : values()) {
      if (t.json.equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown node type \"" + s + "\"");
  }
}
