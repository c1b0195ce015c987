package dev.cairn.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads what backup needs about files: {@code lstat}, directory listings in restic's order, raw
 * symlink targets and {@code user.*} extended attributes. Nothing here follows a final symlink.
 *
 * <p>Thread-safe and stateless apart from the shared {@link Accounts}. Every failure is a {@link
 * FileOperationException} naming the operation and path.
 */
public final class FileScanner {

  private static final String LSTAT_ATTRIBUTES =
      "unix:mode,ino,dev,rdev,nlink,uid,gid,size,lastAccessTime,lastModifiedTime,ctime";

  private final Accounts accounts;

  /** A scanner resolving names with {@link Accounts#system()}. */
  public FileScanner() {
    this(Accounts.system());
  }

  /** A scanner resolving names with {@code accounts}. */
  public FileScanner(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The stat of {@code path} itself, not of a symlink's target. */
  public FileStat lstat(Path path) throws FileOperationException {
    if (PosixCalls.canStat()) {
      try {
        return PosixCalls.lstat(path);
      } catch (IOException e) {
        throw new FileOperationException("lstat", path, e);
      }
    }
    return lstatPortable(path);
  }

  /** {@link #lstat} through the public attribute API (when {@code sun.nio.fs} is closed). */
  FileStat lstatPortable(Path path) throws FileOperationException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(path, LSTAT_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("lstat", path, e);
    }
    int mode = (Integer) a.get("mode");
    return new FileStat(
        FileStat.Kind.of(mode), mode, (Integer) a.get("uid"), (Integer) a.get("gid"),
        (Long) a.get("ino"), (Long) a.get("dev"), (Long) a.get("rdev"), (Integer) a.get("nlink"),
        (Long) a.get("size"), instant(a, "lastAccessTime"), instant(a, "lastModifiedTime"),
        instant(a, "ctime"));
  }

  private static java.time.Instant instant(Map<String, Object> attributes, String key) {
    return ((FileTime) attributes.get(key)).toInstant();
  }

  /**
   * The entries of directory {@code dir} (without {@code .} and {@code ..}) as paths resolved
   * against {@code dir}, sorted by their raw name bytes compared unsigned, which is the order of
   * nodes in a restic tree.
   */
  public List<Path> list(Path dir) throws FileOperationException {
    record Entry(byte[] name, Path path) {}
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        entries.add(new Entry(RawNames.name(child), child));
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      throw new FileOperationException("readdir", dir, e.getCause() instanceof IOException c ? c : e);
    }
    entries.sort(Comparator.comparing(Entry::name, Arrays::compareUnsigned));
    List<Path> result = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      result.add(e.path());
    }
    return result;
  }

  /** The raw target bytes of symlink {@code link}, exactly as stored, also when dangling. */
  public byte[] readLink(Path link) throws FileOperationException {
    try {
      return RawNames.bytes(Files.readSymbolicLink(link));
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("readlink", link, e);
    }
  }

  /**
   * The {@code user.*} extended attributes of {@code path}, names with their {@code user.} prefix,
   * in the order the kernel lists them. Returns an empty list when the file system does not
   * support extended attributes, and for every type but regular files and directories: the JDK
   * opens the file to reach its attributes, which would block on a FIFO and could have side
   * effects on a device, and Linux allows no {@code user.*} attributes on symlinks.
   *
   * @param stat the {@link #lstat} of {@code path}, to decide by type without another syscall
   */
  public List<Xattr> readXattrs(Path path, FileStat stat) throws FileOperationException {
    if (stat.kind() != FileStat.Kind.REGULAR && stat.kind() != FileStat.Kind.DIRECTORY) {
      return List.of();
    }
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return List.of();
    }
    List<String> names;
    try {
      names = view.list();
    } catch (FileSystemException e) {
      if (isUnsupported(e)) {
        return List.of();
      }
      throw new FileOperationException("listxattr", path, e);
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("listxattr", path, e);
    }
    List<Xattr> result = new ArrayList<>(names.size());
    for (String name : names) {
      try {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        result.add(new Xattr(Xattr.USER_PREFIX + name,
            Arrays.copyOf(buffer.array(), buffer.position())));
      } catch (FileSystemException e) {
        if (e.getReason() == null || !e.getReason().contains("No data available")) { // removed since list(): skip like restic
          throw new FileOperationException("getxattr " + Xattr.USER_PREFIX + name, path, e);
        }
      } catch (IOException e) {
        throw new FileOperationException("getxattr " + Xattr.USER_PREFIX + name, path, e);
      }
    }
    return result;
  }

  /** Like {@link #readXattrs(Path, FileStat)}, with an extra lstat of {@code path}. */
  public List<Xattr> readXattrs(Path path) throws FileOperationException {
    return readXattrs(path, lstat(path));
  }

  static boolean isUnsupported(FileSystemException e) {
    String reason = e.getReason();
    return !(e instanceof NoSuchFileException) && reason != null
        && (reason.contains("not supported") || reason.contains("Operation not supported"));
  }

  /** The name of user {@code uid}, or null if unknown; see {@link Accounts}. */
  public String userName(int uid) {
    return accounts.userName(uid);
  }

  /** The name of group {@code gid}, or null if unknown; see {@link Accounts}. */
  public String groupName(int gid) {
    return accounts.groupName(gid);
  }

  /** The accounts used for names. */
  public Accounts accounts() {
    return accounts;
  }
}
