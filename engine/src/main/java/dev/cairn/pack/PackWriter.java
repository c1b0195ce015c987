package dev.cairn.pack;

import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.Key;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles one pack in memory: sealed blobs appended in arrival order, then {@link #finish}
 * appends the sealed header and its length and names the pack by the SHA-256 of its bytes.
 * Not thread-safe: one writer is filled by one thread at a time.
 */
public final class PackWriter {
  private final Key key;
  private final List<PackedBlob> blobs = new ArrayList<>();
  private byte[] buf;
  private int size;

  /** @param buffer where the pack is assembled (reused across packs); grows as needed */
  public PackWriter(Key key, byte[] buffer) {
    this.key = key;
    this.buf = buffer;
  }

  /** The buffer the pack was assembled in, for reuse once the finished pack is stored. */
  public byte[] buffer() {
    return buf;
  }

  /** Appends a sealed blob. */
  public void add(SealedBlob blob) {
    ensure(size + blob.length());
    System.arraycopy(blob.data(), 0, buf, size, blob.length());
    blobs.add(
        new PackedBlob(blob.handle(), null, size, blob.length(), blob.uncompressedLength()));
    size += blob.length();
  }

  /** Bytes of blob data so far. */
  public int size() {
    return size;
  }

  public int count() {
    return blobs.size();
  }

  public boolean isEmpty() {
    return blobs.isEmpty();
  }

  /**
   * Closes the pack: seals the header, appends it and its length, hashes the pack and checks
   * that the header decodes back to the blobs written (restic's write-time self check).
   */
  public FinishedPack finish() {
    byte[] header = PackHeader.encode(blobs);
    int sealedLen = header.length + Key.OVERHEAD;
    ensure(size + sealedLen + 4);
    key.seal(header, 0, header.length, buf, size);
    int total = size + sealedLen;
    PackHeader.putInt(buf, total, sealedLen);
    total += 4;
    MessageDigest md = Id.sha256();
    md.update(buf, 0, total);
    Id id = Id.fromDigest(md);
    List<PackedBlob> placed = new ArrayList<>(blobs.size());
    for (PackedBlob b : blobs) {
      placed.add(new PackedBlob(b.handle(), id, b.offset(), b.length(), b.uncompressedLength()));
    }
    List<PackedBlob> check =
        PackHeader.decode(id, key.open(buf, size, sealedLen), 2);
    if (!check.equals(placed)) {
      throw new IntegrityException("detected data corruption while writing header of pack " + id);
    }
    return new FinishedPack(id, buf, total, placed);
  }

  private void ensure(int need) {
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length + buf.length / 2));
    }
  }
}
