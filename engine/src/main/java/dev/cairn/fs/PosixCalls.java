package dev.cairn.fs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;

/**
 * One system call per {@code lstat} or metadata change, through the JDK's own {@code sun.nio.fs} native
 * dispatcher: {@code lchown}, {@code chmod} and {@code utimensat} (JDK 21+; on 17 an
 * {@code open(O_NOFOLLOW)}, {@code futimens} and {@code close}). The public file API costs
 * several calls each (an attribute lookup by name, a {@code stat}, an {@code open} to set
 * times), which dominates restoring many small files.
 *
 * <p>Needs {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED} (set by {@code bin/cairn}, as
 * for {@link RawNames}); {@link #available} is false without it and callers use the public API.
 */
final class PosixCalls {
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final int O_RDONLY = 0;
  private static final int O_NOFOLLOW = 0x20000;

  private static final MethodHandle LCHOWN;
  private static final MethodHandle CHMOD;
  private static final MethodHandle UTIMENSAT;
  private static final MethodHandle OPEN;
  private static final MethodHandle FUTIMENS;
  private static final MethodHandle CLOSE;
  private static final MethodHandle AS_IO_EXCEPTION;
  private static final Class<?> UNIX_EXCEPTION;
  private static final MethodHandle STAT;
  private static final MethodHandle MODE;
  private static final MethodHandle INO;
  private static final MethodHandle DEV;
  private static final MethodHandle RDEV;
  private static final MethodHandle NLINK;
  private static final MethodHandle UID;
  private static final MethodHandle GID;
  private static final MethodHandle CTIME;

  static {
    MethodHandle lchown = null;
    MethodHandle chmod = null;
    MethodHandle utimensat = null;
    MethodHandle open = null;
    MethodHandle futimens = null;
    MethodHandle close = null;
    MethodHandle asIo = null;
    Class<?> unixException = null;
    try {
      Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
      Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
      unixException = Class.forName("sun.nio.fs.UnixException");
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(dispatcher, MethodHandles.lookup());
      lchown = l.findStatic(dispatcher, "lchown",
          MethodType.methodType(void.class, unixPath, int.class, int.class));
      chmod = l.findStatic(dispatcher, "chmod",
          MethodType.methodType(void.class, unixPath, int.class));
      try {
        utimensat = l.findStatic(dispatcher, "utimensat", MethodType.methodType(void.class,
            int.class, unixPath, long.class, long.class, int.class));
      } catch (NoSuchMethodException jdk17) {
        open = l.findStatic(dispatcher, "open",
            MethodType.methodType(int.class, unixPath, int.class, int.class));
        futimens = l.findStatic(dispatcher, "futimens",
            MethodType.methodType(void.class, int.class, long.class, long.class));
        close = l.findStatic(dispatcher, "close", MethodType.methodType(void.class, int.class));
      }
      MethodHandles.Lookup el = MethodHandles.privateLookupIn(unixException, MethodHandles.lookup());
      asIo = el.findVirtual(unixException, "asIOException",
          MethodType.methodType(IOException.class, unixPath));
    } catch (ReflectiveOperationException | RuntimeException e) {
      lchown = null;
    }
    MethodHandle[] st = statHandles();
    STAT = st[0];
    MODE = st[1];
    INO = st[2];
    DEV = st[3];
    RDEV = st[4];
    NLINK = st[5];
    UID = st[6];
    GID = st[7];
    CTIME = st[8];
    LCHOWN = lchown;
    CHMOD = chmod;
    UTIMENSAT = utimensat;
    OPEN = open;
    FUTIMENS = futimens;
    CLOSE = close;
    AS_IO_EXCEPTION = asIo;
    UNIX_EXCEPTION = unixException;
  }

  private PosixCalls() {}

  /** {@code UnixFileAttributes.get(UnixPath, boolean)} and its accessors, or nulls. */
  private static MethodHandle[] statHandles() {
    MethodHandle[] h = new MethodHandle[9];
    try {
      Class<?> attrs = Class.forName("sun.nio.fs.UnixFileAttributes");
      Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(attrs, MethodHandles.lookup());
      h[0] = l.findStatic(attrs, "get", MethodType.methodType(attrs, unixPath, boolean.class));
      String[] names = {"mode", "ino", "dev", "rdev", "nlink", "uid", "gid"};
      Class<?>[] types = {int.class, long.class, long.class, long.class, int.class, int.class,
          int.class};
      for (int i = 0; i < names.length; i++) {
        h[i + 1] = l.findVirtual(attrs, names[i], MethodType.methodType(types[i]));
      }
      h[8] = l.findVirtual(attrs, "ctime", MethodType.methodType(FileTime.class));
      return h;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new MethodHandle[9];
    }
  }

  /** Whether {@link #lstat} works here. */
  static boolean canStat() {
    return STAT != null && CTIME != null && AS_IO_EXCEPTION != null;
  }

  /** {@code lstat(path)} in one system call, without the JDK's attribute-name parsing. */
  static FileStat lstat(Path path) throws IOException {
    try {
      Object a = STAT.invoke(path, false);
      PosixFileAttributes p = (PosixFileAttributes) a;
      int mode = (int) MODE.invoke(a);
      return new FileStat(FileStat.Kind.of(mode), mode, (int) UID.invoke(a), (int) GID.invoke(a),
          (long) INO.invoke(a), (long) DEV.invoke(a), (long) RDEV.invoke(a),
          (int) NLINK.invoke(a), p.size(), p.lastAccessTime().toInstant(),
          p.lastModifiedTime().toInstant(), ((FileTime) CTIME.invoke(a)).toInstant());
    } catch (Throwable t) {
      throw translate(t, path);
    }
  }

  static boolean available() {
    return LCHOWN != null && AS_IO_EXCEPTION != null;
  }

  /** {@code lchown(path, uid, gid)}. */
  static void lchown(Path path, int uid, int gid) throws IOException {
    try {
      LCHOWN.invoke(path, uid, gid);
    } catch (Throwable t) {
      throw translate(t, path);
    }
  }

  /** {@code chmod(path, mode)} (follows symlinks). */
  static void chmod(Path path, int mode) throws IOException {
    try {
      CHMOD.invoke(path, mode);
    } catch (Throwable t) {
      throw translate(t, path);
    }
  }

  /**
   * Sets access and modification time of {@code path} itself, to the nanosecond; only for
   * regular files and directories (on JDK 17 the file is opened, which would block on a FIFO).
   */
  static void setTimes(Path path, Instant atime, Instant mtime) throws IOException {
    long a = nanos(atime);
    long m = nanos(mtime);
    try {
      if (UTIMENSAT != null) {
        UTIMENSAT.invoke(AT_FDCWD, path, a, m, AT_SYMLINK_NOFOLLOW);
      } else {
        int fd = (int) OPEN.invoke(path, O_RDONLY | O_NOFOLLOW, 0);
        try {
          FUTIMENS.invoke(fd, a, m);
        } finally {
          CLOSE.invoke(fd);
        }
      }
    } catch (Throwable t) {
      throw translate(t, path);
    }
  }

  /**
   * Whether {@link #setTimes} is exact for this time: nanoseconds since 1970 must fit a long,
   * and the JDK's conversion to a timespec is wrong before 1970.
   */
  static boolean fits(Instant t) {
    return t.getEpochSecond() >= 0 && t.getEpochSecond() < Long.MAX_VALUE / 1_000_000_000L - 1;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static IOException translate(Throwable t, Path path) {
    if (UNIX_EXCEPTION.isInstance(t)) {
      try {
        return (IOException) AS_IO_EXCEPTION.invoke(t, path);
      } catch (Throwable e) {
        return new IOException(path + ": " + t.getMessage(), t);
      }
    }
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IOException(path + ": " + t, t);
  }
}
