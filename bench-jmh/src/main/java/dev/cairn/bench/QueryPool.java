package dev.cairn.bench;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import java.util.SplittableRandom;

/**
 * Index queries kept as flat bytes (ids of 32 bytes in one array, and types), so that reading
 * the next query streams through memory; {@link #handle} builds a fresh handle from them, as a
 * caller that has just hashed a chunk holds a fresh id. A pool of objects made up front would
 * instead cost several cache misses per query before the index is even reached.
 */
final class QueryPool {
  private static final BlobType[] TYPES = BlobType.values();

  private final byte[] ids;
  private final byte[] types;

  private QueryPool(int size) {
    ids = new byte[size * Id.SIZE];
    types = new byte[size];
  }

  /** {@code size} handles of blobs stored among the first {@code count} of {@code blobs}. */
  static QueryPool hits(SyntheticBlobs blobs, long count, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    QueryPool p = new QueryPool(size);
    for (int k = 0; k < size; k++) {
      p.set(k, blobs.hit(r, count));
    }
    return p;
  }

  /** {@code size} handles of blobs that {@code blobs} does not have. */
  static QueryPool misses(SyntheticBlobs blobs, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    QueryPool p = new QueryPool(size);
    for (int k = 0; k < size; k++) {
      p.set(k, blobs.miss(r));
    }
    return p;
  }

  int size() {
    return types.length;
  }

  /** A new handle for query {@code k}. */
  BlobHandle handle(int k) {
    return new BlobHandle(Id.of(ids, k * Id.SIZE), TYPES[types[k]]);
  }

  private void set(int k, BlobHandle h) {
    h.id().copyTo(ids, k * Id.SIZE);
    types[k] = (byte) h.type().ordinal();
  }
}
