package dev.cairn.prune;

/**
 * The numbers prune reports before it acts (restic's prune statistics): blobs and bytes by what
 * happens to them, and packs by what is done with them. Sizes are stored (sealed) sizes.
 */
public final class PruneStats {
  /** A count of blobs and their size. */
  public static final class Tally {
    private long blobs;
    private long bytes;

    void add(long blobs, long bytes) {
      this.blobs += blobs;
      this.bytes += bytes;
    }

    public long blobs() {
      return blobs;
    }

    public long bytes() {
      return bytes;
    }
  }

  public final Tally used = new Tally();
  public final Tally duplicate = new Tally();
  public final Tally unused = new Tally();
  /** Blobs in packs deleted whole. */
  public final Tally remove = new Tally();
  /** Blobs in packs repacked, used or not. */
  public final Tally repack = new Tally();
  /** Unused blobs dropped by repacking. */
  public final Tally repackRemove = new Tally();
  /** Bytes of pack files no index names. */
  long unreferencedBytes;

  int packsUsed;
  int packsPartlyUsed;
  int packsUnused;
  int packsKeep;
  int packsRepack;
  int packsRemove;
  int packsUnreferenced;

  public long unreferencedBytes() {
    return unreferencedBytes;
  }

  public int packsUsed() {
    return packsUsed;
  }

  public int packsPartlyUsed() {
    return packsPartlyUsed;
  }

  public int packsUnused() {
    return packsUnused;
  }

  public int packsKeep() {
    return packsKeep;
  }

  public int packsRepack() {
    return packsRepack;
  }

  public int packsRemove() {
    return packsRemove;
  }

  public int packsUnreferenced() {
    return packsUnreferenced;
  }

  /** Every indexed blob and every stored byte, unreferenced packs included. */
  public long totalBlobs() {
    return used.blobs + unused.blobs + duplicate.blobs;
  }

  public long totalBytes() {
    return used.bytes + duplicate.bytes + unused.bytes + unreferencedBytes;
  }

  /** Bytes that prune frees. */
  public long prunedBytes() {
    return remove.bytes + repackRemove.bytes + unreferencedBytes;
  }

  public long prunedBlobs() {
    return remove.blobs + repackRemove.blobs;
  }

  /** Unused bytes (duplicates included) left after prune. */
  public long unusedAfter() {
    return duplicate.bytes + unused.bytes - remove.bytes - repackRemove.bytes;
  }
}
