package dev.cairn.operator.restore;

import java.time.Duration;

/**
 * What {@code cairn restore-pvc} was asked to do.
 *
 * @param namespace the PVC's namespace
 * @param pvc the PVC to restore in place
 * @param restoreAsOf restore the newest snapshot at or before this time (RFC 3339), or null
 * @param previous skip this many snapshots back from the newest, or null
 * @param from a ReplicationDestination whose restic settings to use, or null for the
 *     ReplicationSource that backs the PVC up
 * @param dryRun list the steps and the objects they touch, change nothing
 * @param timeout how long each wait (the restore, pods going, binding) may take
 */
public record RestoreRequest(String namespace, String pvc, String restoreAsOf, Integer previous,
    String from, boolean dryRun, Duration timeout) {
  public RestoreRequest {
    if (restoreAsOf != null && previous != null) {
      throw new IllegalArgumentException("--as-of and --previous exclude each other");
    }
    if (previous != null && previous < 0) {
      throw new IllegalArgumentException("--previous must be 0 or more, not " + previous);
    }
  }
}
