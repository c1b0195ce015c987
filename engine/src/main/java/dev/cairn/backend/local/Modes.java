package dev.cairn.backend.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permission bits a local repository uses for new directories and files (restic-format.md
 * §1): 0700/0600 by default, 0770/0660 when the repository's {@code config} is group-readable.
 * Stored files are then made read-only ({@code mode &^ 0222}). On a file system without POSIX
 * permissions every operation here is a no-op.
 */
final class Modes {
  private static final int GROUP_READ = 0040;
  private static final int WRITE_BITS = 0222;

  private final boolean posix;
  private final int dirMode;
  private final int fileMode;

  private Modes(boolean posix, int dirMode, int fileMode) {
    this.posix = posix;
    this.dirMode = dirMode;
    this.fileMode = fileMode;
  }

  /**
   * Derives the modes for the repository at {@code root} from its {@code config} file, as restic
   * does when it opens a repository; the defaults apply when there is no config yet.
   */
  static Modes derive(Path root) throws IOException {
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!posix) {
      return new Modes(false, 0700, 0600);
    }
    int configMode;
    try {
      configMode = toMode(Files.getPosixFilePermissions(root.resolve("config")));
    } catch (NoSuchFileException e) {
      configMode = 0;
    }
    return (configMode & GROUP_READ) != 0
        ? new Modes(true, 0770, 0660)
        : new Modes(true, 0700, 0600);
  }

  /** Attributes for creating a directory; none on a non-POSIX file system. */
  FileAttribute<?>[] dirAttributes() {
    return attributes(dirMode);
  }

  /** Attributes for creating a temporary file; none on a non-POSIX file system. */
  FileAttribute<?>[] fileAttributes() {
    return attributes(fileMode);
  }

  /**
   * Makes a stored file read-only. Like restic, a file system that refuses the change (some
   * network or FAT mounts) is not an error: the file is already complete and durable.
   */
  void makeReadOnly(Path file) throws IOException {
    if (!posix) {
      return;
    }
    try {
      Files.setPosixFilePermissions(file, toPermissions(fileMode & ~WRITE_BITS));
    } catch (AccessDeniedException | UnsupportedOperationException e) {
      // restic local.Save ignores permission errors from this chmod as well
    }
  }

  /** True when the file system has POSIX permissions, so directories can be fsynced. */
  boolean posix() {
    return posix;
  }

  private FileAttribute<?>[] attributes(int mode) {
    if (!posix) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(toPermissions(mode))};
  }

  /** Converts the low nine bits of a Unix mode to a permission set. */
  static Set<PosixFilePermission> toPermissions(int mode) {
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < all.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(all[i]);
      }
    }
    return set;
  }

  /** Converts a permission set to the low nine bits of a Unix mode. */
  static int toMode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 0400 >> p.ordinal();
    }
    return mode;
  }
}
