package dev.cairn.backend;

import dev.cairn.core.FileType;

/**
 * Names one file of a repository: its kind and its name (64 hex digits; {@code "config"} for the
 * config file).
 */
public record Handle(FileType type, String name) {
  /** The handle of the repository's {@code config} file. */
  public static final Handle CONFIG = new Handle(FileType.CONFIG, "config");

  @Override
  public String toString() {
    return type == FileType.CONFIG ? "config" : type.dir() + "/" + name;
  }
}
