package dev.cairn.operation;

import dev.cairn.backup.SourceError;
import dev.cairn.core.Id;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.snapshot.SnapshotSummary;
import java.time.Duration;
import java.util.List;

/**
 * What a backup did.
 *
 * @param snapshotId the snapshot saved, or null for a dry run
 * @param parent the parent snapshot compared against, or null
 * @param paths the paths recorded in the snapshot
 * @param summary the counters (also stored in the snapshot)
 * @param errors items (or their metadata) that could not be read and were left out; the
 *     snapshot is saved all the same (restic's exit code 3)
 * @param duration from start to the saved snapshot
 * @param dryRun nothing was stored
 */
public record BackupOutcome(
    Id snapshotId,
    SnapshotRef parent,
    List<String> paths,
    SnapshotSummary summary,
    List<SourceError> errors,
    Duration duration,
    boolean dryRun) {
  public BackupOutcome {
    paths = List.copyOf(paths);
    errors = List.copyOf(errors);
  }

  /** Whether some items could not be read. */
  public boolean partial() {
    return !errors.isEmpty();
  }

  /** The items with errors, each once, in the order they were found. */
  public List<String> unreadablePaths() {
    return errors.stream().map(SourceError::path).distinct().toList();
  }
}
