package dev.cairn.pack;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.Key;

/**
 * Turns blob plaintext into its stored form and back (restic-format.md section 5): optional zstd
 * compression (repository version 2 only), then sealing with the master key; on the way back the
 * MAC is checked, the payload decompressed and its SHA-256 compared with the blob id.
 *
 * <p>Thread-safe: zstd contexts and scratch buffers are per thread.
 */
public final class BlobCodec {
  /** Where a sealed object's payload starts: after its 16-byte IV. */
  private static final int IV_ROOM = 16;

  private final Key key;
  private final Compression compression;
  private final ThreadLocal<ZstdCompressCtx> compressor;
  private final ThreadLocal<ZstdDecompressCtx> decompressor =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);
  private final ThreadLocal<byte[][]> scratch = ThreadLocal.withInitial(() -> new byte[4][]);

  /**
   * @param compression {@link Compression#OFF} for a version 1 repository
   */
  public BlobCodec(Key key, Compression compression) {
    this.key = key;
    this.compression = compression;
    int level = Math.max(1, compression.level());
    this.compressor =
        ThreadLocal.withInitial(
            () -> {
              ZstdCompressCtx c = new ZstdCompressCtx();
              c.setLevel(level);
              c.setChecksum(false);
              return c;
            });
  }

  public Key key() {
    return key;
  }

  /**
   * Compresses (when enabled) and seals {@code len} bytes of plaintext. Tree blobs are always
   * compressed in a version 2 repository, as restic does; a data blob that does not shrink is
   * stored uncompressed, which every restic version reads.
   *
   * <p>The result lives in a buffer of the calling thread: it is valid until this thread seals
   * the next blob, so copy it (into a pack) before that. No allocation per blob.
   */
  public SealedBlob seal(BlobHandle handle, byte[] plain, int off, int len) {
    // One scratch buffer per thread: zstd writes after room for the IV and the payload is then
    // encrypted in place; a blob that does not shrink is sealed from the plaintext into the
    // same buffer instead.
    int room = Math.max((int) Zstd.compressBound(len), len) + Key.OVERHEAD;
    byte[] buf = scratch(0, room);
    if (compression != Compression.OFF && len > 0) {
      int clen = (int) compressor.get().compressByteArray(
          buf, IV_ROOM, buf.length - Key.OVERHEAD, plain, off, len);
      if (handle.type() == BlobType.TREE || clen < len) {
        int n = key.seal(buf, IV_ROOM, clen, buf, 0);
        return new SealedBlob(handle, buf, n, len);
      }
    }
    int n = key.seal(plain, off, len, buf, 0);
    return new SealedBlob(handle, buf, n, 0);
  }

  /**
   * Opens the stored blob {@code blob} found at {@code buf[off..off+blob.length())}.
   *
   * @throws IntegrityException naming blob and pack when the MAC, the compressed payload or the
   *     plaintext hash is wrong
   */
  public byte[] open(PackedBlob blob, byte[] buf, int off) {
    byte[] payload;
    try {
      payload = key.open(buf, off, blob.length());
    } catch (IntegrityException e) {
      throw broken(blob, e.getMessage(), e);
    }
    byte[] plain = payload;
    if (blob.compressed()) {
      plain = new byte[blob.uncompressedLength()];
      long n;
      try {
        n = decompressor.get().decompressByteArray(plain, 0, plain.length, payload, 0, payload.length);
      } catch (RuntimeException e) {
        throw broken(blob, "zstd: " + e.getMessage(), e);
      }
      if (n != plain.length) {
        throw broken(blob, "decompressed to " + n + " bytes, index says " + plain.length, null);
      }
    }
    Id actual = Id.hash(plain);
    if (!actual.equals(blob.id())) {
      throw broken(blob, "plaintext hash is " + actual.shortHex(), null);
    }
    return plain;
  }

  /**
   * Like {@link #open}, but the plaintext is left in a buffer of the calling thread and only
   * {@code [0, blob.plaintextLength())} of the returned array is valid, until this thread opens
   * the next blob. For callers that consume the plaintext at once (restore writes it out).
   */
  public byte[] openTransient(PackedBlob blob, byte[] buf, int off) {
    int plainLen = blob.plaintextLength();
    byte[] payload = scratch(2, blob.length() - Key.OVERHEAD);
    try {
      key.open(buf, off, blob.length(), payload, 0);
    } catch (IntegrityException e) {
      throw broken(blob, e.getMessage(), e);
    }
    byte[] plain = payload;
    if (blob.compressed()) {
      plain = scratch(3, plainLen);
      long n;
      try {
        n = decompressor.get().decompressByteArray(
            plain, 0, plainLen, payload, 0, blob.length() - Key.OVERHEAD);
      } catch (RuntimeException e) {
        throw broken(blob, "zstd: " + e.getMessage(), e);
      }
      if (n != plainLen) {
        throw broken(blob, "decompressed to " + n + " bytes, index says " + plainLen, null);
      }
    }
    Id actual = Id.hash(plain, 0, plainLen);
    if (!actual.equals(blob.id())) {
      throw broken(blob, "plaintext hash is " + actual.shortHex(), null);
    }
    return plain;
  }

  private static IntegrityException broken(PackedBlob blob, String why, Throwable cause) {
    return new IntegrityException(
        "unable to load blob " + blob.id().hex() + " (" + blob.type().json() + ") from pack "
            + blob.pack().hex() + " at offset " + blob.offset() + ": " + why,
        cause);
  }

  private byte[] scratch(int slot, int need) {
    byte[][] holder = scratch.get();
    if (holder[slot] == null || holder[slot].length < need) {
      holder[slot] = new byte[Math.max(need, 1 << 20)];
    }
    return holder[slot];
  }
}
