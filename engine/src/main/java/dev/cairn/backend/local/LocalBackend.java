package dev.cairn.backend.local;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A repository in a local directory, in restic's default layout (restic-format.md §1): {@code
 * config}, {@code keys/}, {@code locks/}, {@code snapshots/}, {@code index/} and {@code
 * data/xx/} sharded by the first two hex digits of the name.
 *
 * <p>{@link #save} writes {@code <name>-tmp-<random>} in the target directory, fsyncs it, renames
 * it to its name, fsyncs the directory and makes the file read-only. A save that dies leaves at
 * most a temporary file, which {@link #list} skips. New directories get mode 0700 and files 0600
 * (0770/0660 when {@code config} is group-readable); modes are only set on POSIX file systems.
 */
public final class LocalBackend implements Backend {
  /** Largest single read or write (bounds the JDK's per-thread temporary direct buffers). */
  private static final int IO_SLICE = 1 << 20;

  private static final HexFormat HEX = HexFormat.of();
  private static final FileType[] DIR_TYPES = {
    FileType.KEY, FileType.LOCK, FileType.SNAPSHOT, FileType.INDEX, FileType.PACK
  };

  private final Path root;
  private final Modes modes;

  /**
   * A backend on the repository directory {@code root}, which need not exist yet (see {@link
   * #create}). Modes for new files follow the existing {@code config}, if any.
   */
  public LocalBackend(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.modes = Modes.derive(this.root);
  }

  /**
   * Opens an existing repository directory.
   *
   * @throws NoSuchFileException when {@code root} is not an existing directory
   */
  public static LocalBackend open(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "no repository directory");
    }
    return new LocalBackend(root);
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public int connections() {
    return 2;
  }

  @Override
  public void create() throws IOException {
    Path config = pathOf(Handle.CONFIG);
    if (Files.exists(config)) {
      throw new FileAlreadyExistsException(config.toString(), null, "repository already exists");
    }
    mkdirs(root);
    for (FileType type : DIR_TYPES) {
      mkdirs(root.resolve(type.dir()));
    }
    Path data = root.resolve(FileType.PACK.dir());
    for (int i = 0; i < 256; i++) {
      mkdirs(data.resolve(HEX.toHexDigits((byte) i)));
    }
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    store(h, ch -> {
      // Slices of IO_SLICE bytes: the JDK copies heap buffers through a temporary direct
      // buffer as large as the write, and caches it per thread.
      for (int pos = off, end = off + len; pos < end; ) {
        ByteBuffer buf = ByteBuffer.wrap(data, pos, Math.min(IO_SLICE, end - pos));
        while (buf.hasRemaining()) {
          pos += ch.write(buf);
        }
      }
    });
  }

  /** Copies {@code src} in the kernel (no heap buffer): spooled packs are saved this way. */
  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    store(h, ch -> {
      for (long pos = 0; pos < len; ) {
        long n = src.transferTo(pos, len - pos, ch);
        if (n <= 0) {
          throw new EOFException("spool file shorter than " + len + " bytes");
        }
        pos += n;
      }
    });
  }

  /** Writes a new file's bytes into an open temporary file. */
  private interface Content {
    void writeTo(FileChannel ch) throws IOException;
  }

  private void store(Handle h, Content content) throws IOException {
    Path target = pathOf(h);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path dir = target.getParent();
    Path tmp = dir.resolve(target.getFileName() + "-tmp-" + randomSuffix());
    try {
      writeDurably(tmp, content);
    } catch (NoSuchFileException e) {
      // a shard or type directory may be missing in a repository not made by create()
      mkdirs(dir);
      writeDurably(tmp, content);
    }
    try {
      // Names are content hashes, so losing the small race between this check and the rename
      // to an identical concurrent save replaces a file with the same bytes.
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
    modes.makeReadOnly(target);
  }

  private void writeDurably(Path tmp, Content content) throws IOException {
    var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (FileChannel ch = FileChannel.open(tmp, options, modes.fileAttributes())) {
      content.writeTo(ch);
      ch.force(true);
    } catch (IOException e) {
      deleteQuietly(tmp, e);
      throw named(e, "unable to write", tmp);
    } catch (RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length for " + h);
    }
    Path file = pathOf(h);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long want = length == 0 ? size - offset : length;
      if (want > Integer.MAX_VALUE - 8) {
        throw new IOException(file + ": " + want + " bytes do not fit in one array");
      }
      byte[] out = new byte[(int) Math.max(0, want)];
      readFully(ch, file, size, offset, out, 0, out.length);
      return out;
    } catch (IOException e) {
      throw named(e, "unable to load", file);
    }
  }

  @Override
  public void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("invalid offset or length for " + h);
    }
    Path file = pathOf(h);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      readFully(ch, file, ch.size(), offset, dst, dstOff, length);
    } catch (IOException e) {
      throw named(e, "unable to load", file);
    }
  }

  private static void readFully(FileChannel ch, Path file, long size, long offset, byte[] dst,
      int dstOff, int length) throws IOException {
    if (offset > size || offset + length > size) {
      throw new EOFException(
          file + ": wanted " + length + " bytes at offset " + offset + ", file has " + size);
    }
    for (int pos = 0; pos < length; ) {
      ByteBuffer buf = ByteBuffer.wrap(dst, dstOff + pos, Math.min(IO_SLICE, length - pos));
      while (buf.hasRemaining()) {
        int n = ch.read(buf, offset + pos);
        if (n < 0) {
          throw new EOFException(file + ": file shrank while reading at offset " + offset);
        }
        pos += n;
      }
    }
  }

  @Override
  public long stat(Handle h) throws IOException {
    Path file = pathOf(h);
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).size();
    } catch (IOException e) {
      throw named(e, "unable to stat", file);
    }
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    if (type == FileType.CONFIG) {
      return; // config is not named by an id, and list reports ids only
    }
    Path dir = root.resolve(type.dir());
    if (type != FileType.PACK) {
      listFiles(dir, fn);
      return;
    }
    // restic walks data/*/*: every sub-directory, whatever its name
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path shard : shards) {
        listFiles(shard, fn);
      }
    } catch (NoSuchFileException e) {
      // no data/ directory: an empty or foreign repository has no packs
    } catch (IOException e) {
      throw named(e, "unable to list", dir);
    }
  }

  private static void listFiles(Path dir, Consumer<FileInfo> fn) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!Id.isValid(name)) {
          continue; // temporary files (<id>-tmp-<random>) and foreign files
        }
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue; // removed while we were listing
        }
        if (attrs.isRegularFile()) {
          fn.accept(new FileInfo(name, attrs.size()));
        }
      }
    } catch (NoSuchFileException e) {
      // a missing type directory (an old repository without locks/) holds no files
    } catch (IOException e) {
      throw named(e, "unable to list", dir);
    }
  }

  @Override
  public void remove(Handle h) throws IOException {
    // the file is read-only, but deleting it only needs its directory to be writable
    Path file = pathOf(h);
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw named(e, "unable to remove", file);
    }
  }

  @Override
  public void close() {
    // nothing is held open between calls
  }

  /** The path of a file in the default layout; pack files sit in {@code data/<first 2 hex>/}. */
  Path pathOf(Handle h) {
    if (h.type() == FileType.CONFIG) {
      return root.resolve("config");
    }
    String name = h.name();
    if (name.length() < 2 || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
        || name.startsWith(".")) {
      throw new IllegalArgumentException("invalid file name \"" + name + "\" in " + root);
    }
    Path dir = root.resolve(h.type().dir());
    return h.type() == FileType.PACK ? dir.resolve(name.substring(0, 2)).resolve(name)
        : dir.resolve(name);
  }

  private void mkdirs(Path dir) throws IOException {
    try {
      Files.createDirectories(dir, modes.dirAttributes());
    } catch (IOException e) {
      throw named(e, "unable to create directory", dir);
    }
  }

  /** Makes a rename in {@code dir} durable. Only POSIX file systems can open a directory. */
  private void syncDirectory(Path dir) throws IOException {
    if (!modes.posix()) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      throw named(e, "unable to sync directory", dir);
    }
  }

  /** A unique part for a temporary name; CREATE_NEW catches the unlikely collision. */
  private static String randomSuffix() {
    return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
  }

  private static void deleteQuietly(Path tmp, Throwable cause) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Keeps exceptions that already name their file (every {@link FileSystemException}, including
   * {@link NoSuchFileException}, and our {@link EOFException}s) and wraps the others with the
   * operation and the path.
   */
  private static IOException named(IOException e, String what, Path file) {
    if (e instanceof FileSystemException || e instanceof EOFException) {
      return e;
    }
    return new IOException(what + " " + file + ": " + e.getMessage(), e);
  }
}
