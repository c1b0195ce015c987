package dev.cairn.tree;

/**
 * Conversions between Linux {@code st_mode} and the Go {@code os.FileMode} bits restic stores in a
 * node's {@code mode} (restic-format.md §7.3): permissions 0777 as-is, type and special bits moved
 * to Go's high bits.
 */
public final class GoFileMode {
  /** Go ModeDir. */
  public static final long DIR = 1L << 31;
  /** Go ModeSymlink. */
  public static final long SYMLINK = 1L << 27;
  /** Go ModeDevice (block device; with {@link #CHAR_DEVICE} a char device). */
  public static final long DEVICE = 1L << 26;
  /** Go ModeNamedPipe. */
  public static final long NAMED_PIPE = 1L << 25;
  /** Go ModeSocket. */
  public static final long SOCKET = 1L << 24;
  /** Go ModeSetuid. */
  public static final long SETUID = 1L << 23;
  /** Go ModeSetgid. */
  public static final long SETGID = 1L << 22;
  /** Go ModeCharDevice. */
  public static final long CHAR_DEVICE = 1L << 21;
  /** Go ModeSticky. */
  public static final long STICKY = 1L << 20;
  /** Go ModeIrregular. */
  public static final long IRREGULAR = 1L << 19;

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  private GoFileMode() {}

  /** The Go FileMode restic stores for a Linux {@code st_mode}. Unknown types get no type bit. */
  public static long fromUnix(int unixMode) {
    long m = unixMode & 0777;
    m |= switch (unixMode & S_IFMT) {
      case S_IFBLK -> DEVICE;
      case S_IFCHR -> DEVICE | CHAR_DEVICE;
      case S_IFDIR -> DIR;
      case S_IFIFO -> NAMED_PIPE;
      case S_IFLNK -> SYMLINK;
      case S_IFSOCK -> SOCKET;
      default -> 0L;
    };
    if ((unixMode & 04000) != 0) {
      m |= SETUID;
    }
    if ((unixMode & 02000) != 0) {
      m |= SETGID;
    }
    if ((unixMode & 01000) != 0) {
      m |= STICKY;
    }
    return m;
  }

  /** The Linux {@code st_mode} for a stored Go FileMode; no type bit means a regular file. */
  public static int toUnix(long goMode) {
    int m = (int) (goMode & 0777);
    if ((goMode & DIR) != 0) {
      m |= S_IFDIR;
    } else if ((goMode & SYMLINK) != 0) {
      m |= S_IFLNK;
    } else if ((goMode & DEVICE) != 0) {
      m |= (goMode & CHAR_DEVICE) != 0 ? S_IFCHR : S_IFBLK;
    } else if ((goMode & CHAR_DEVICE) != 0) {
      m |= S_IFCHR;
    } else if ((goMode & NAMED_PIPE) != 0) {
      m |= S_IFIFO;
    } else if ((goMode & SOCKET) != 0) {
      m |= S_IFSOCK;
    } else if ((goMode & IRREGULAR) == 0) {
      m |= S_IFREG;
    }
    if ((goMode & SETUID) != 0) {
      m |= 04000;
    }
    if ((goMode & SETGID) != 0) {
      m |= 02000;
    }
    if ((goMode & STICKY) != 0) {
      m |= 01000;
    }
    return m;
  }
}
