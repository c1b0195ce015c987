package dev.cairn.fs;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.List;

/**
 * Creates files of every kind restic stores and applies their metadata, for restore.
 *
 * <p>Restore should apply metadata in restic's order, after the content is written: {@link
 * #lchown}, {@link #setXattr}, {@link #setTimes}, then {@link #chmod} (not for symlinks); for a
 * directory only after all its children are done. Nothing here follows a final symlink except
 * {@link #chmod}, which callers must not apply to symlinks. Device nodes and FIFOs have no Java
 * API and are made by running coreutils {@code mknod}/{@code mkfifo} (see {@link Coreutils}).
 *
 * <p>Thread-safe and stateless. Every failure is a {@link FileOperationException} naming the
 * operation and the path.
 */
public final class FileCreator {

  /** Creates directory {@code dir}; its parent must exist and {@code dir} must not. */
  public void mkdir(Path dir) throws FileOperationException {
    try {
      Files.createDirectory(dir);
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("mkdir", dir, e);
    }
  }

  /**
   * Creates symlink {@code link} with exactly the target bytes {@code rawTarget}: not normalised,
   * not checked for existence (dangling targets work), not required to be valid UTF-8.
   */
  public void symlink(Path link, byte[] rawTarget) throws FileOperationException {
    try {
      Files.createSymbolicLink(link, RawNames.anyPath(rawTarget));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw new FileOperationException("symlink", link, e);
    }
  }

  /** Creates {@code link} as another hard link to the existing file {@code existing}. */
  public void hardlink(Path link, Path existing) throws FileOperationException {
    try {
      Files.createLink(link, existing);
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("link", link, e);
    }
  }

  /**
   * Creates a block or character device node (normally needs root).
   *
   * @param rdev Linux {@code dev_t} of the device, as in {@link FileStat#rdev()}
   * @param mode permission bits (the type bits, if present, are ignored)
   */
  public void mknod(Path node, boolean charDevice, long rdev, int mode) throws FileOperationException {
    Coreutils.run("mknod", node, Coreutils.Target.CREATE, List.of("mknod", "-m", octal(mode),
        "--", Coreutils.FILE, charDevice ? "c" : "b", Long.toUnsignedString(FileStat.major(rdev)),
        Long.toUnsignedString(FileStat.minor(rdev))));
  }

  /** Creates FIFO {@code fifo} with the permission bits of {@code mode}. */
  public void mkfifo(Path fifo, int mode) throws FileOperationException {
    Coreutils.run("mkfifo", fifo, Coreutils.Target.CREATE, List.of("mkfifo", "-m", octal(mode), "--", Coreutils.FILE));
  }

  /**
   * Sets owner and group of {@code path} itself (lchown). When this process is not root,
   * permission errors are ignored, as restic does.
   *
   * @return true when applied, false when a permission error was ignored
   */
  public boolean lchown(Path path, int uid, int gid) throws FileOperationException {
    try {
      if (PosixCalls.available()) {
        PosixCalls.lchown(path, uid, gid);
      } else {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      }
      return true;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      if (FileOperationException.isPermission(e) && !Accounts.isRoot()) {
        return false;
      }
      throw new FileOperationException("lchown", path, e);
    }
  }

  /**
   * Sets a {@code user.*} extended attribute on a regular file or directory.
   *
   * @param name full name including the {@code user.} prefix; other namespaces are refused
   */
  public void setXattr(Path path, String name, byte[] value) throws FileOperationException {
    if (!name.startsWith(Xattr.USER_PREFIX) || name.length() == Xattr.USER_PREFIX.length()) {
      throw new FileOperationException("setxattr " + name, path, "only user.* attributes are supported");
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() && !attributes.isDirectory()) {
        // The JDK opens the file to set attributes: that blocks on FIFOs, fails on symlinks.
        throw new FileOperationException("setxattr " + name, path,
            "only regular files and directories are supported");
      }
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view == null) {
        throw new FileOperationException("setxattr " + name, path, "extended attributes not supported");
      }
      view.write(name.substring(Xattr.USER_PREFIX.length()), ByteBuffer.wrap(value));
    } catch (FileOperationException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("setxattr " + name, path, e);
    }
  }

  /** Sets the {@code user.*} attribute {@code xattr}; see {@link #setXattr(Path, String, byte[])}. */
  public void setXattr(Path path, Xattr xattr) throws FileOperationException {
    setXattr(path, xattr.name(), xattr.value());
  }

  /**
   * Sets access and modification time of {@code path} itself, not following symlinks, with
   * nanosecond precision. The JDK is not exact everywhere: 17 sets symlink times only to the
   * microsecond, and all versions turn times before 1970 with a fraction into the epoch. When such
   * a time is asked for, the result is read back and, if wrong, set again with coreutils {@code
   * touch -h}. FIFOs and device nodes are always done with {@code touch -h}.
   */
  public void setTimes(Path path, Instant atime, Instant mtime) throws FileOperationException {
    BasicFileAttributeView view =
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    try {
      // The JDK opens the file to set its times: that blocks on a FIFO and must not be done to a
      // device node, so those go straight to touch -h, which does not open the file.
      if (!view.readAttributes().isOther()) {
        view.setTimes(FileTime.from(mtime), FileTime.from(atime), null);
        if (jdkIsExact(atime) && jdkIsExact(mtime)) {
          return;
        }
        BasicFileAttributes now = view.readAttributes();
        if (now.lastModifiedTime().toInstant().equals(mtime) && now.lastAccessTime().toInstant().equals(atime)) {
          return;
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new FileOperationException("utimensat", path, e);
    }
    if (atime.equals(mtime)) {
      Coreutils.run("utimensat", path, Coreutils.Target.EXISTING, List.of("touch", "-h", "-d", touchDate(atime), Coreutils.FILE));
    } else {
      Coreutils.run("utimensat", path, Coreutils.Target.EXISTING,
          List.of("touch", "-h", "-a", "-d", touchDate(atime), Coreutils.FILE));
      Coreutils.run("utimensat", path, Coreutils.Target.EXISTING,
          List.of("touch", "-h", "-m", "-d", touchDate(mtime), Coreutils.FILE));
    }
  }

  /**
   * As {@link #setTimes}, for a regular file or a directory the caller made (so it is neither a
   * FIFO nor a device, and need not be looked at first): one system call where the JDK allows.
   */
  public void setFileTimes(Path path, Instant atime, Instant mtime) throws FileOperationException {
    if (PosixCalls.available() && PosixCalls.fits(atime) && PosixCalls.fits(mtime)) {
      try {
        PosixCalls.setTimes(path, atime, mtime);
        return;
      } catch (IOException e) {
        throw new FileOperationException("utimensat", path, e);
      }
    }
    setTimes(path, atime, mtime);
  }

  /**
   * Sets permission bits including setuid (04000), setgid (02000) and sticky (01000) from {@code
   * unixMode} (type bits are ignored). Follows symlinks, so never call it for a symlink: Linux
   * has no permissions on symlinks and restic skips them.
   */
  public void chmod(Path path, int unixMode) throws FileOperationException {
    try {
      if (PosixCalls.available()) {
        PosixCalls.chmod(path, unixMode & 07777);
      } else {
        Files.setAttribute(path, "unix:mode", unixMode & 07777);
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw new FileOperationException("chmod", path, e);
    }
  }

  private static boolean jdkIsExact(Instant t) {
    return t.getNano() % 1000 == 0 && t.getEpochSecond() >= 0;
  }

  private static String octal(int mode) {
    return Integer.toOctalString(mode & 07777);
  }

  /** {@code @seconds.nanoseconds} for GNU touch, exact for negative times too. */
  static String touchDate(Instant t) {
    return "@" + BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).toPlainString();
  }
}
