package dev.cairn.repository;

import dev.cairn.core.BlobType;
import java.util.concurrent.atomic.AtomicLong;

/** What one run added to the repository, updated concurrently. */
public final class UploadStats {
  private final AtomicLong dataBlobs = new AtomicLong();
  private final AtomicLong treeBlobs = new AtomicLong();
  private final AtomicLong dataAdded = new AtomicLong();
  private final AtomicLong dataAddedPacked = new AtomicLong();
  private final AtomicLong packs = new AtomicLong();
  private final AtomicLong packBytes = new AtomicLong();

  void blobAdded(BlobType type, long plain, long sealed) {
    (type == BlobType.DATA ? dataBlobs : treeBlobs).incrementAndGet();
    dataAdded.addAndGet(plain);
    dataAddedPacked.addAndGet(sealed);
  }

  void packUploaded(long bytes) {
    packs.incrementAndGet();
    packBytes.addAndGet(bytes);
  }

  /** New data blobs. */
  public long dataBlobs() {
    return dataBlobs.get();
  }

  /** New tree blobs. */
  public long treeBlobs() {
    return treeBlobs.get();
  }

  /** Plaintext bytes of new blobs (restic's {@code data_added}). */
  public long dataAdded() {
    return dataAdded.get();
  }

  /** Stored bytes of new blobs, compressed and sealed ({@code data_added_packed}). */
  public long dataAddedPacked() {
    return dataAddedPacked.get();
  }

  /** Packs uploaded. */
  public long packs() {
    return packs.get();
  }

  /** Bytes of packs uploaded. */
  public long packBytes() {
    return packBytes.get();
  }
}
