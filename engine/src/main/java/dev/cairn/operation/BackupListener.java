package dev.cairn.operation;

import dev.cairn.backup.BackupProgress;
import dev.cairn.repository.Config;
import dev.cairn.snapshot.SnapshotRef;

/**
 * Follows a backup: the steps before the archive, then its progress ({@link BackupProgress},
 * called from several threads). Every method has an empty default.
 */
public interface BackupListener extends BackupProgress {
  /** The lock is held; the index is about to be loaded. */
  default void opened(Config config) {}

  /** The parent snapshot was chosen; null when every file will be read. */
  default void parentChosen(SnapshotRef parent) {}

  /**
   * Whether progress totals are wanted: only then does a second walk of the source count the
   * files beforehand (a scheduled backup without a progress display does without it).
   */
  default boolean wantsTotals() {
    return false;
  }

  /** Does nothing. */
  BackupListener NONE = new BackupListener() {};
}
