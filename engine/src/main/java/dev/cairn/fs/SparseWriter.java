package dev.cairn.fs;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a restored file's content at arbitrary positions, in any order and from several threads
 * (positional writes), optionally leaving holes where a chunk is all zeros, as {@code restic
 * restore --sparse} does.
 *
 * <p>Typical use: {@link #open}, {@link #setLength} to the file's final size (so trailing and
 * skipped regions are holes, and the size is right even if the tail is zeros), then {@link
 * #write} each chunk, then {@link #close}. A file opened for sparse writing must be new or
 * truncated: skipped regions are not overwritten, they read back as zeros only because they are
 * holes.
 */
public final class SparseWriter implements Closeable {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final Path path;
  private final FileChannel channel;
  private final boolean sparse;

  private SparseWriter(Path path, FileChannel channel, boolean sparse) {
    this.path = path;
    this.channel = channel;
    this.sparse = sparse;
  }

  /**
   * Opens {@code path} for writing, creating it if needed and truncating it to length 0.
   *
   * @param sparse skip all-zero chunks, leaving holes
   */
  public static SparseWriter open(Path path, boolean sparse) throws FileOperationException {
    try {
      FileChannel channel;
      try { // READ lets setLength grow the file through map()
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (AccessDeniedException e) { // an existing write-only file, not root
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
      }
      return new SparseWriter(path, channel, sparse);
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("open", path, e);
    }
  }

  /**
   * Writes {@code len} bytes of {@code buf} from {@code off} at file position {@code position}.
   * In sparse mode an all-zero range is not written at all.
   *
   * @return true if the bytes were written, false if skipped as a hole
   */
  public boolean write(long position, byte[] buf, int off, int len) throws FileOperationException {
    if (sparse && isAllZero(buf, off, len)) {
      return false;
    }
    try {
      // 1 MiB slices bound the JDK's per-thread temporary direct buffer.
      for (int pos = off, end = off + len; pos < end; ) {
        ByteBuffer src = ByteBuffer.wrap(buf, pos, Math.min(1 << 20, end - pos));
        while (src.hasRemaining()) {
          pos += channel.write(src, position + (pos - off));
        }
      }
    } catch (IOException e) {
      throw new FileOperationException("pwrite at " + position, path, e);
    }
    return true;
  }

  /**
   * Sets the file's length to {@code size}: shrinks by truncation, and grows without writing data,
   * so the new region is a hole. Growing uses the JDK's {@code ftruncate} behind {@link
   * FileChannel#map} (Java has no public ftruncate that grows); if that is not possible (a
   * write-only file, or a JDK that does not grow the file that way), one zero byte is written at
   * {@code size - 1}, allocating a single block.
   */
  public void setLength(long size) throws FileOperationException {
    try {
      long current = channel.size();
      if (current > size) {
        channel.truncate(size);
      } else if (current < size) {
        try {
          channel.map(FileChannel.MapMode.READ_WRITE, size, 0); // extends the file: ftruncate(size)
        } catch (NonReadableChannelException e) {
          // opened write-only: fall through to writing one byte
        }
        if (channel.size() < size) {
          channel.write(ByteBuffer.allocate(1), size - 1);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new FileOperationException("truncate to " + size, path, e);
    }
  }

  /** The current file size. */
  public long size() throws FileOperationException {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new FileOperationException("fstat", path, e);
    }
  }

  /** Closes the file. */
  @Override
  public void close() throws FileOperationException {
    try {
      channel.close();
    } catch (IOException e) {
      throw new FileOperationException("close", path, e);
    }
  }

  /** True when {@code len} bytes of {@code buf} from {@code off} are all zero; reads 8 bytes at a time. */
  public static boolean isAllZero(byte[] buf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    int i = off;
    int end = off + len;
    for (int limit = end - 31; i < limit; i += 32) {
      if (((long) LONGS.get(buf, i) | (long) LONGS.get(buf, i + 8)
          | (long) LONGS.get(buf, i + 16) | (long) LONGS.get(buf, i + 24)) != 0) {
        return false;
      }
    }
    for (int limit = end - 7; i < limit; i += 8) {
      if ((long) LONGS.get(buf, i) != 0) {
        return false;
      }
    }
    for (; i < end; i++) {
      if (buf[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
