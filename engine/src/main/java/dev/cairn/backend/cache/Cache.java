package dev.cairn.backend.cache;

import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cache directory of one repository, {@code <base>/<repository id>/} with restic's layout:
 * {@code index/<id>}, {@code snapshots/<id>} and {@code data/<id[0:2]>/<id>}. The base holds a
 * {@code CACHEDIR.TAG} so that backup tools skip it.
 *
 * <p>Entries hold exactly the backend's (encrypted) bytes, so each is named by the SHA-256 of its
 * content. Writes are atomic (temporary file, then rename); files are created 0600 and
 * directories 0700. An entry is hashed the first time this object reads it: a mismatch (a
 * partial, damaged or foreign file) is deleted and reported as a miss. Only {@link
 * FileType#INDEX}, {@link FileType#SNAPSHOT} and {@link FileType#PACK} are held. Safe for
 * concurrent use by several threads and processes.
 */
public final class Cache {
  /** The name of the cache directory tag file in the base directory. */
  public static final String TAG_FILE = "CACHEDIR.TAG";

  private static final String TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
      + "# This file is a cache directory tag created by cairn.\n"
      + "# For information about cache directory tags see https://bford.info/cachedir/\n";

  private final Path dir;
  private final boolean posix;
  private final Set<Handle> verified = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Handle, Object> verifying = new ConcurrentHashMap<>();

  private Cache(Path dir, boolean posix) {
    this.dir = dir;
    this.posix = posix;
  }

  /**
   * The default base directory, as restic picks it: {@code $RESTIC_CACHE_DIR}, else
   * {@code $XDG_CACHE_HOME/cairn}, else {@code ~/.cache/cairn}.
   */
  public static Path defaultBase(Map<String, String> env) {
    String explicit = env.get("RESTIC_CACHE_DIR");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      return Path.of(xdg, "cairn");
    }
    String home = env.get("HOME");
    return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"),
        ".cache", "cairn");
  }

  /**
   * Opens (creating when needed) the cache of the repository with config id {@code
   * repositoryId} under {@code base}, and writes the base's {@code CACHEDIR.TAG} if missing.
   *
   * @throws IllegalArgumentException when the id is not 64 hex digits
   * @throws IOException when the directories cannot be created
   */
  public static Cache open(Path base, String repositoryId) throws IOException {
    if (!Id.isValid(repositoryId)) {
      throw new IllegalArgumentException("repository id \"" + repositoryId + "\" is not an id");
    }
    boolean posix = base.getFileSystem().supportedFileAttributeViews().contains("posix");
    Cache cache = new Cache(base.resolve(repositoryId), posix);
    cache.mkdirs(base);
    Path tag = base.resolve(TAG_FILE);
    if (!Files.exists(tag)) {
      cache.writeAtomically(tag, TAG.getBytes(StandardCharsets.US_ASCII), 0, TAG.length());
    }
    for (String sub : new String[] {"index", "snapshots", "data"}) {
      cache.mkdirs(cache.dir.resolve(sub));
    }
    return cache;
  }

  /** Whether files of this kind are ever held in a cache. */
  public static boolean holds(FileType type) {
    return type == FileType.INDEX || type == FileType.SNAPSHOT || type == FileType.PACK;
  }

  /** This repository's cache directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Reads {@code length} bytes at {@code offset} of a cached file ({@code length} 0: to its end).
   *
   * @return the bytes, or null when the file is not cached or was damaged (and is now dropped)
   * @throws EOFException when the (intact) file is shorter than {@code offset + length}
   */
  public byte[] load(Handle h, long offset, int length) throws IOException {
    Path p = path(h);
    if (!verified.contains(h)) {
      Object lock = verifying.computeIfAbsent(h, k -> new Object());
      synchronized (lock) { // threads wanting one unverified file read and hash it once
        try {
          if (!verified.contains(h)) {
            return verify(h, p, offset, length);
          }
        } finally {
          verifying.remove(h, lock);
        }
      }
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      long want = length == 0 ? size - offset : length;
      checkRange(h, size, offset, want);
      ByteBuffer buf = ByteBuffer.allocate((int) want);
      while (buf.hasRemaining()) {
        if (ch.read(buf, offset + buf.position()) < 0) {
          throw new EOFException("cache " + p + ": file shrank while reading");
        }
      }
      return buf.array();
    } catch (NoSuchFileException e) {
      verified.remove(h);
      return null;
    }
  }

  /** Reads and hashes a whole entry; drops it (null) when its content does not match its name. */
  private byte[] verify(Handle h, Path p, long offset, int length) throws IOException {
    byte[] whole;
    try {
      whole = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!Id.hash(whole).hex().equals(h.name())) {
      remove(h);
      return null;
    }
    verified.add(h);
    return slice(h, whole, offset, length);
  }

  /**
   * Stores {@code len} bytes of {@code data} under {@code h}, atomically, when their SHA-256 is
   * the file's name; content that does not match its name is not cached.
   *
   * @return whether the file is now cached
   */
  public boolean save(Handle h, byte[] data, int off, int len) throws IOException {
    Path p = path(h);
    if (!Id.hash(data, off, len).hex().equals(h.name())) {
      return false;
    }
    mkdirs(p.getParent());
    writeAtomically(p, data, off, len);
    verified.add(h);
    return true;
  }

  /** Removes a cached file; a missing one is no error. */
  public void remove(Handle h) throws IOException {
    verified.remove(h);
    Files.deleteIfExists(path(h));
  }

  /** The names of the cached files of a kind (temporary files skipped). */
  public Set<String> list(FileType type) throws IOException {
    Set<String> out = new HashSet<>();
    if (type == FileType.PACK) {
      try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir.resolve("data"))) {
        for (Path shard : shards) {
          if (Files.isDirectory(shard)) {
            addNames(shard, out);
          }
        }
      }
    } else if (holds(type)) {
      addNames(dir.resolve(type.dir()), out);
    }
    return out;
  }

  /**
   * Bytes {@code offset} to {@code offset + length} ({@code length} 0: to the end) of a whole
   * file, with the {@link dev.cairn.backend.Backend#load} range rules.
   */
  static byte[] slice(Handle h, byte[] whole, long offset, int length) throws EOFException {
    long want = length == 0 ? whole.length - offset : length;
    checkRange(h, whole.length, offset, want);
    if (offset == 0 && want == whole.length) {
      return whole;
    }
    byte[] out = new byte[(int) want];
    System.arraycopy(whole, (int) offset, out, 0, out.length);
    return out;
  }

  private static void checkRange(Handle h, long size, long offset, long want)
      throws EOFException {
    if (offset < 0 || want < 0 || offset > size || offset + want > size) {
      throw new EOFException(h + ": wanted " + want + " bytes at offset " + offset
          + ", file has " + size);
    }
  }

  private Path path(Handle h) {
    if (!holds(h.type()) || !Id.isValid(h.name())) {
      throw new IllegalArgumentException(h + " is never cached");
    }
    String name = h.name();
    return h.type() == FileType.PACK
        ? dir.resolve("data").resolve(name.substring(0, 2)).resolve(name)
        : dir.resolve(h.type().dir()).resolve(name);
  }

  private static void addNames(Path d, Set<String> out) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (Id.isValid(name)) {
          out.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      // nothing cached of this kind
    }
  }

  private void mkdirs(Path d) throws IOException {
    if (posix) {
      Files.createDirectories(d, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(d);
    }
  }

  private void writeAtomically(Path p, byte[] data, int off, int len) throws IOException {
    Path tmp = p.resolveSibling(p.getFileName() + "-tmp-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    try {
      try (FileChannel ch = FileChannel.open(tmp, opts, attrs)) {
        ByteBuffer buf = ByteBuffer.wrap(data, off, len);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
