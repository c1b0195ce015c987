package dev.cairn.backup;

import java.nio.file.Path;

/**
 * Receives progress of a running backup. Called from several threads at once; implementations
 * must be thread-safe and fast. Every method has an empty default.
 */
public interface BackupProgress {
  /** A file is about to be read. */
  default void startFile(Path path) {}

  /** A file or directory is finished; {@code bytes} is its size for files, else 0. */
  default void completeItem(Path path, boolean dir, long bytes) {}

  /** {@code n} more bytes of file content were processed (read or found unchanged). */
  default void addBytes(long n) {}

  /** An item could not be read and is left out of the snapshot. */
  default void error(Path path, String during, Exception e) {}

  /** A non-fatal problem worth telling the user. */
  default void warning(String message) {}

  /** The scanner found the totals (may come late, or never). */
  default void totals(long files, long dirs, long bytes) {}

  /** Does nothing. */
  BackupProgress NONE = new BackupProgress() {};
}
