package dev.cairn.operation;

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
 * @param errors items that could not be read and were left out, each "path: reason"; the
 *     snapshot is saved all the same (restic's exit code 3)
 * @param duration from start to the saved snapshot
 * @param dryRun nothing was stored
 */
public record BackupOutcome(
    Id snapshotId,
    SnapshotRef parent,
    List<String> paths,
    SnapshotSummary summary,
    List<String> errors,
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
}
