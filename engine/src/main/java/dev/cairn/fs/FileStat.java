package dev.cairn.fs;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code lstat(2)} reports about one file, without following a final symlink.
 *
 * <p>Numbers are the kernel's: {@code uid}, {@code gid} and {@code nlink} are unsigned 32-bit values
 * held in an {@code int} (use {@link Integer#toUnsignedLong}); {@code ino}, {@code dev} and {@code
 * rdev} are unsigned 64-bit values held in a {@code long} (use {@link Long#toUnsignedString}).
 * {@code dev} and {@code rdev} use the Linux {@code dev_t} encoding; see {@link #major(long)}.
 * Times carry nanoseconds.
 *
 * @param kind the file type, derived from {@code mode}
 * @param mode {@code st_mode}: type bits, setuid/setgid/sticky and permission bits
 * @param uid owner user id
 * @param gid owner group id
 * @param ino inode number
 * @param dev id of the device holding the file
 * @param rdev device id for block and character devices, else 0
 * @param nlink number of hard links
 * @param size size in bytes (for symlinks: length of the target)
 * @param atime last access
 * @param mtime last content modification
 * @param ctime last status change
 */
public record FileStat(
    Kind kind, int mode, int uid, int gid, long ino, long dev, long rdev, int nlink, long size,
    Instant atime, Instant mtime, Instant ctime) {

  /** Mask of the file type bits in {@code st_mode}. */
  public static final int S_IFMT = 0170000;

  /** The file types {@code st_mode} distinguishes. */
  public enum Kind {
    REGULAR(0100000), DIRECTORY(0040000), SYMLINK(0120000), BLOCK_DEVICE(0060000),
    CHAR_DEVICE(0020000), FIFO(0010000), SOCKET(0140000);

    private final int typeBits;

    Kind(int typeBits) {
      this.typeBits = typeBits;
    }

    /** The {@code S_IF*} value of this type. */
    public int typeBits() {
      return typeBits;
    }

    /** The type encoded in {@code mode}; throws for type bits Linux does not define. */
    public static Kind of(int mode) {
      int bits = mode & S_IFMT;
      for (Kind kind : values()) {
        if (kind.typeBits == bits) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown file type in mode 0" + Integer.toOctalString(mode));
    }
  }

  /** Validates that {@code kind} matches {@code mode} and that no field is null. */
  public FileStat {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(atime, "atime");
    Objects.requireNonNull(mtime, "mtime");
    Objects.requireNonNull(ctime, "ctime");
    if (Kind.of(mode) != kind) {
      throw new IllegalArgumentException(kind + " does not match mode 0" + Integer.toOctalString(mode));
    }
  }

  /** Permission bits plus setuid (04000), setgid (02000) and sticky (01000): {@code mode & 07777}. */
  public int permissions() {
    return mode & 07777;
  }

  /** The major number of a Linux {@code dev_t} such as {@link #dev()} or {@link #rdev()}. */
  public static long major(long dev) {
    return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
  }

  /** The minor number of a Linux {@code dev_t} such as {@link #dev()} or {@link #rdev()}. */
  public static long minor(long dev) {
    return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
  }

  /** The Linux {@code dev_t} for a major and minor number; the inverse of {@link #major}/{@link #minor}. */
  public static long makedev(long major, long minor) {
    return ((major & 0xfffL) << 8) | ((major & 0xfffff000L) << 32) | (minor & 0xffL)
        | ((minor & 0xffffff00L) << 12);
  }
}
