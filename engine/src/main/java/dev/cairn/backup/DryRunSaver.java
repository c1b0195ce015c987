package dev.cairn.backup;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobSaver;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code backup --dry-run}: answers like a saver against the real repository but stores
 * nothing, counting what would have been added (sizes before compression, plus sealing).
 */
public final class DryRunSaver implements BlobSaver {
  private final BlobSaver real;
  private final Set<BlobHandle> seen = ConcurrentHashMap.newKeySet();
  private final AtomicLong dataBlobs = new AtomicLong();
  private final AtomicLong treeBlobs = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public DryRunSaver(BlobSaver real) {
    this.real = real;
  }

  @Override
  public int saveBlob(BlobType type, Id id, byte[] buf, int off, int len) {
    if (real.hasBlob(type, id) || !seen.add(new BlobHandle(id, type))) {
      return -1;
    }
    (type == BlobType.DATA ? dataBlobs : treeBlobs).incrementAndGet();
    bytes.addAndGet(len);
    return len + 32;
  }

  @Override
  public boolean hasBlob(BlobType type, Id id) {
    return real.hasBlob(type, id) || seen.contains(new BlobHandle(id, type));
  }

  public long dataBlobs() {
    return dataBlobs.get();
  }

  public long treeBlobs() {
    return treeBlobs.get();
  }

  /** Plaintext bytes that would have been added. */
  public long bytes() {
    return bytes.get();
  }
}
