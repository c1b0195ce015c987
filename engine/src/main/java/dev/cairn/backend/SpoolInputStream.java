package dev.cairn.backend;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * The first {@code len} bytes of a spool file as an {@link InputStream}, for stores that send a
 * body from a stream ({@link Backend#save(Handle, FileChannel, long)} on S3 and REST): the
 * bytes go from the page cache to the socket through the HTTP client's own small buffer instead
 * of a heap array of the whole pack.
 *
 * <p>Reads are positional: the channel's position is neither used nor moved, so several streams
 * (a retry, a signer that hashes the body before it is sent) can read the same channel, one
 * after another or at once. Closing the stream does not close the channel. A channel shorter
 * than {@code len} ends the stream with an {@link EOFException} naming the missing bytes,
 * never with a silently short body.
 */
public final class SpoolInputStream extends InputStream {
  private final FileChannel src;
  private final long len;
  private long pos;

  /** A stream of {@code src[0, len)}. */
  public SpoolInputStream(FileChannel src, long len) {
    this.src = Objects.requireNonNull(src, "src");
    if (len < 0) {
      throw new IllegalArgumentException("negative length " + len);
    }
    this.len = len;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    Objects.checkFromIndexSize(off, n, b.length);
    if (pos >= len) {
      return -1;
    }
    if (n == 0) {
      return 0;
    }
    ByteBuffer buf = ByteBuffer.wrap(b, off, (int) Math.min(n, len - pos));
    int got = src.read(buf, pos);
    if (got < 0) {
      throw new EOFException("spool file ends at byte " + pos + ", " + len + " expected");
    }
    pos += got;
    return got;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, len - pos));
    pos += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, len - pos);
  }
}
