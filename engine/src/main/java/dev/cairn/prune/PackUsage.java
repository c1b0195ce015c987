package dev.cairn.prune;

import dev.cairn.core.BlobType;
import dev.cairn.core.Id;

/**
 * What one indexed pack holds, as prune sees it: used and unused blobs with their stored sizes
 * (the pack header counts as used), the blob type (null when the pack mixes types) and whether
 * any blob is stored uncompressed.
 */
final class PackUsage {
  final Id pack;
  int usedBlobs;
  int unusedBlobs;
  long usedSize;
  long unusedSize;
  private boolean typed;
  BlobType type;
  boolean uncompressed;
  /** Set during planning: the pack must be repacked to get its blobs compressed. */
  boolean mustCompress;

  PackUsage(Id pack, long headerSize) {
    this.pack = pack;
    this.usedSize = headerSize;
  }

  void addType(BlobType t) {
    if (!typed) {
      typed = true;
      type = t;
    } else if (type != t) {
      type = null;
    }
  }

  boolean mixed() {
    return typed && type == null;
  }

  boolean isData() {
    return type == BlobType.DATA;
  }

  long size() {
    return usedSize + unusedSize;
  }

  void used(long size) {
    usedBlobs++;
    usedSize += size;
  }

  void unused(long size) {
    unusedBlobs++;
    unusedSize += size;
  }
}
