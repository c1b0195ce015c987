package dev.cairn.pack;

import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.Key;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles one pack in a temporary file instead of memory, as restic does: sealed blobs are
 * appended in arrival order, then {@link #finish} appends the sealed header and its length and
 * names the pack by the SHA-256 of the file. The file is unlinked as soon as it is opened, so
 * nothing is left behind when the process dies; the open channel is what gets uploaded.
 *
 * <p>Not thread-safe: one spool is filled by one thread at a time; {@link #close} releases the
 * file.
 */
public final class PackSpool implements Closeable {
  /** Largest write or read at once: bounds the JDK's per-thread temporary direct buffers. */
  private static final int IO_SLICE = 256 * 1024;

  private final Key key;
  private final FileChannel file;
  private final List<PackedBlob> blobs = new ArrayList<>();
  private long size;
  private long written;

  private PackSpool(Key key, FileChannel file) {
    this.key = key;
    this.file = file;
  }

  /** A new empty spool: a temporary file in {@code dir}, already unlinked. */
  public static PackSpool create(Key key, Path dir) throws IOException {
    Path tmp = Files.createTempFile(dir, "cairn-pack-", ".tmp");
    FileChannel ch;
    try {
      ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new PackSpool(key, ch);
  }

  /** Appends a sealed blob. */
  public void add(SealedBlob blob) throws IOException {
    if (size + blob.length() > Integer.MAX_VALUE - PackHeader.MAX_HEADER) {
      throw new IOException("pack too large: " + (size + blob.length()) + " bytes");
    }
    write(blob.data(), 0, blob.length());
    blobs.add(new PackedBlob(blob.handle(), null, size, blob.length(), blob.uncompressedLength()));
    size += blob.length();
  }

  /** Bytes of blob data so far. */
  public long size() {
    return size;
  }

  public boolean isEmpty() {
    return blobs.isEmpty();
  }

  /**
   * Closes the pack: appends the sealed header and its length, hashes the file and checks that
   * the header decodes back to the blobs written (restic's write-time self check). The spool
   * stays open for {@link #channel()} until {@link #close}.
   *
   * @return the pack's id, length and blobs
   */
  public Finished finish() throws IOException {
    byte[] header = PackHeader.encode(blobs);
    byte[] tail = new byte[header.length + Key.OVERHEAD + 4];
    int sealedLen = key.seal(header, 0, header.length, tail, 0);
    PackHeader.putInt(tail, sealedLen, sealedLen);
    write(tail, 0, tail.length);
    long total = size + tail.length;
    Id id = hash(total);
    List<PackedBlob> placed = new ArrayList<>(blobs.size());
    for (PackedBlob b : blobs) {
      placed.add(new PackedBlob(b.handle(), id, b.offset(), b.length(), b.uncompressedLength()));
    }
    if (!PackHeader.decode(id, key.open(tail, 0, sealedLen), 2).equals(placed)) {
      throw new IntegrityException("detected data corruption while writing header of pack " + id);
    }
    return new Finished(id, total, placed);
  }

  /** The spooled file, to read with positional reads (for uploading). */
  public FileChannel channel() {
    return file;
  }

  /** Releases the temporary file. */
  @Override
  public void close() throws IOException {
    file.close();
  }

  private void write(byte[] data, int off, int len) throws IOException {
    long pos = written;
    for (int p = off, end = off + len; p < end; ) {
      ByteBuffer buf = ByteBuffer.wrap(data, p, Math.min(IO_SLICE, end - p));
      while (buf.hasRemaining()) {
        int n = file.write(buf, pos);
        pos += n;
        p += n;
      }
    }
    written = pos;
  }

  private Id hash(long total) throws IOException {
    MessageDigest md = Id.sha256();
    ByteBuffer buf = ByteBuffer.allocate(IO_SLICE);
    for (long pos = 0; pos < total; ) {
      buf.clear().limit((int) Math.min(IO_SLICE, total - pos));
      int n = file.read(buf, pos);
      if (n < 0) {
        throw new IOException("pack spool file shorter than " + total + " bytes");
      }
      md.update(buf.array(), 0, n);
      pos += n;
    }
    return Id.fromDigest(md);
  }

  /** A finished pack: its id, its length in the spool file and the blobs it holds. */
  public record Finished(Id id, long length, List<PackedBlob> blobs) {}
}
