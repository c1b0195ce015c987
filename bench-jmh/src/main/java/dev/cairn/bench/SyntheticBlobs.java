package dev.cairn.bench;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A deterministic, made-up repository content for index benchmarks: {@code count} blobs with
 * random ids, one in twenty a tree blob, in packs of about 16 MiB (restic 0.14's default pack
 * size), data and tree blobs in separate packs as restic writes them. Data blob lengths are
 * log-uniform between 256 B and 4 MiB (mean about 430 KiB: many small files and some chunked
 * large ones; about 60 blobs a pack), half of them compressed by 1.5x to 4x; tree blobs are
 * 200 B to 64 KiB and always compressed. Offsets are the real running offsets in each pack.
 *
 * <p>Blob {@code i} has the id {@link #id(long)}, so lookups can be made without keeping the
 * ids: {@link #hit} names a stored blob, {@link #miss} one that is not stored.
 */
public final class SyntheticBlobs {
  static final long PACK_SIZE = 16L << 20;
  static final int TREE_EVERY = 20;

  private final long seed;

  /** The blobs made from {@code seed}; the same seed gives the same blobs. */
  public SyntheticBlobs(long seed) {
    this.seed = seed;
  }

  /** The id of blob {@code i}. */
  public Id id(long i) {
    return idFrom(seed, i);
  }

  /** The type of blob {@code i}. */
  public static BlobType type(long i) {
    return i % TREE_EVERY == 0 ? BlobType.TREE : BlobType.DATA;
  }

  /** The handle of a stored blob, picked with {@code r} among the first {@code count}. */
  public BlobHandle hit(SplittableRandom r, long count) {
    long i = r.nextLong(count);
    return new BlobHandle(id(i), type(i));
  }

  /** A handle that no blob of these has (a different seed's id). */
  public BlobHandle miss(SplittableRandom r) {
    long i = r.nextLong(Long.MAX_VALUE);
    return new BlobHandle(idFrom(~seed, i), type(i));
  }

  /**
   * Calls {@code pack} once for every full pack and at the end for the last open ones, with the
   * pack's blobs in pack order; together they hold blobs 0 to {@code count - 1}.
   */
  public void forEachPack(long count, Consumer<List<PackedBlob>> pack) {
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    OpenPack data = new OpenPack();
    OpenPack tree = new OpenPack();
    for (long i = 0; i < count; i++) {
      BlobType t = type(i);
      OpenPack p = t == BlobType.TREE ? tree : data;
      int plain;
      int stored;
      if (t == BlobType.TREE) {
        plain = 200 + r.nextInt(64 << 10);
        stored = plain / (2 + r.nextInt(4));
      } else {
        plain = (int) Math.exp(Math.log(256) + r.nextDouble() * (Math.log(4 << 20) - Math.log(256)));
        stored = r.nextBoolean() ? plain : (int) (plain / (1.5 + 2.5 * r.nextDouble()));
      }
      int length = stored + 32; // design.rst: IV and MAC around every blob
      int ulen = stored == plain && t == BlobType.DATA ? 0 : plain;
      p.blobs.add(new PackedBlob(new BlobHandle(id(i), t), null, p.size, length, ulen));
      p.size += length;
      if (p.size >= PACK_SIZE) {
        pack.accept(p.close(r));
      }
    }
    for (OpenPack p : new OpenPack[] {data, tree}) {
      if (!p.blobs.isEmpty()) {
        pack.accept(p.close(r));
      }
    }
  }

  private static Id idFrom(long seed, long i) {
    SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
    byte[] b = new byte[Id.SIZE];
    for (int w = 0; w < 4; w++) {
      long v = r.nextLong();
      for (int j = 0; j < 8; j++) {
        b[8 * w + j] = (byte) (v >>> (8 * j));
      }
    }
    return Id.of(b);
  }

  /** Blobs collected for the pack being filled; the pack id is drawn when it is closed. */
  private static final class OpenPack {
    final List<PackedBlob> blobs = new ArrayList<>();
    long size;

    List<PackedBlob> close(SplittableRandom r) {
      byte[] id = new byte[Id.SIZE];
      for (int k = 0; k < Id.SIZE; k++) {
        id[k] = (byte) r.nextInt();
      }
      Id packId = Id.of(id);
      List<PackedBlob> out = new ArrayList<>(blobs.size());
      for (PackedBlob b : blobs) {
        out.add(new PackedBlob(b.handle(), packId, b.offset(), b.length(), b.uncompressedLength()));
      }
      blobs.clear();
      size = 0;
      return out;
    }
  }
}
