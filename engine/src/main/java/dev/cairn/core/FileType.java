package dev.cairn.core;

/** The kinds of file a repository stores, with restic's directory names. */
public enum FileType {
  CONFIG("config"),
  KEY("keys"),
  LOCK("locks"),
  SNAPSHOT("snapshots"),
  INDEX("index"),
  PACK("data");

  private final String dir;

  FileType(String dir) {
    this.dir = dir;
  }

  /** Directory (or object key prefix) of this kind in the default layout. */
  public String dir() {
    return dir;
  }
}
