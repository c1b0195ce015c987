package dev.cairn.backend;

import dev.cairn.core.FileType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.function.Consumer;

/**
 * A store of named immutable files laid out as a restic repository ({@code config},
 * {@code keys/}, {@code locks/}, {@code snapshots/}, {@code index/}, {@code data/}).
 *
 * <p>Contract, for every implementation (checked by the shared contract test suite):
 *
 * <ul>
 *   <li>{@link #save} is atomic: after it returns, the whole file is visible under its name;
 *       if it fails or the process dies, no file or a complete one is visible under that name,
 *       never a partial one. Saving a name that exists fails with
 *       {@link java.nio.file.FileAlreadyExistsException} (files are written once).
 *   <li>A missing file is reported by {@link NoSuchFileException} from {@link #load},
 *       {@link #stat} and {@link #remove}; every other failure is another {@link IOException}
 *       whose message names the file and the store.
 *   <li>{@link #list} reports only names of 64 lowercase hex digits, each once, in no
 *       particular order; temporary and foreign files are skipped.
 *   <li>All methods may be called from several threads at once.
 * </ul>
 */
public interface Backend extends Closeable {
  /** Where the store is, for messages: a path or URL without credentials. */
  String location();

  /** How many requests the store serves well at once (restic: local 2, remote 5). */
  int connections();

  /**
   * Creates the store's structure (directories, bucket) for a new repository.
   *
   * @throws java.nio.file.FileAlreadyExistsException when a repository config already exists
   */
  void create() throws IOException;

  /** Stores {@code len} bytes of {@code data} from {@code off} under {@code h}, atomically. */
  void save(Handle h, byte[] data, int off, int len) throws IOException;

  /**
   * Stores the first {@code len} bytes of {@code src} under {@code h}, atomically, like {@link
   * #save(Handle, byte[], int, int)}. {@code src} is read with positional reads only (its
   * position is not used, it is not closed) and may be read again by a retry. Stores that can
   * copy or stream from a file (local, S3, REST) override this; the default reads the bytes
   * into memory first.
   */
  default void save(Handle h, FileChannel src, long len) throws IOException {
    if (len > Integer.MAX_VALUE - 8) {
      throw new IOException("file of " + len + " bytes is too large for " + location());
    }
    byte[] data = new byte[(int) len];
    readFully(src, data);
    save(h, data, 0, data.length);
  }

  /** Reads {@code src[0, dst.length)} into {@code dst} with positional reads. */
  static void readFully(FileChannel src, byte[] dst) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(dst);
    while (buf.hasRemaining()) {
      if (src.read(buf, buf.position()) < 0) {
        throw new java.io.EOFException("spool file shorter than " + dst.length + " bytes");
      }
    }
  }

  /**
   * Reads {@code length} bytes at {@code offset}, or everything from {@code offset} when
   * {@code length} is 0.
   *
   * @throws java.io.EOFException when the file is shorter than {@code offset + length}
   */
  byte[] load(Handle h, long offset, int length) throws IOException;

  /** The size of a file in bytes. */
  long stat(Handle h) throws IOException;

  /** Calls {@code fn} for each file of a kind. */
  void list(FileType type, Consumer<FileInfo> fn) throws IOException;

  /** Removes a file. */
  void remove(Handle h) throws IOException;

  /**
   * Removes a file if it is there: like {@link #remove}, but a missing file is not an error.
   * For callers that only want the file gone (prune); a store whose deletion is idempotent (S3)
   * does this in one request instead of asking first. Decorators forward it as they forward
   * {@link #remove}.
   */
  default void removeIfPresent(Handle h) throws IOException {
    try {
      remove(h);
    } catch (NoSuchFileException e) {
      // already gone: what the caller wanted
    }
  }

  /**
   * Reads exactly {@code length} (greater than 0) bytes at {@code offset} into {@code dst} from
   * {@code dstOff}; same errors as {@link #load(Handle, long, int)}. Stores that can read into
   * a caller's buffer override this to avoid an allocation per read.
   */
  default void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    byte[] b = load(h, offset, length);
    System.arraycopy(b, 0, dst, dstOff, length);
  }

  /** Reads a whole file. */
  default byte[] load(Handle h) throws IOException {
    return load(h, 0, 0);
  }
}
