package dev.cairn.operation;

import dev.cairn.restore.RestoreResult;
import dev.cairn.snapshot.SnapshotRef;
import java.time.Duration;

/**
 * What a restore did.
 *
 * @param snapshot the snapshot restored
 * @param result the counts and the errors (each naming the item)
 * @param duration from start to the last file's metadata
 */
public record RestoreOutcome(SnapshotRef snapshot, RestoreResult result, Duration duration) {
  /** Whether every item was restored. */
  public boolean complete() {
    return result.errors().isEmpty();
  }
}
