package dev.cairn.core;

/** A blob named by its id and type: the key of the index. */
public record BlobHandle(Id id, BlobType type) {
  @Override
  public String toString() {
    return type.json() + "/" + id.shortHex();
  }
}
