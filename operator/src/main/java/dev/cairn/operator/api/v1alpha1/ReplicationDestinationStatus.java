package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.util.List;

/**
 * A ReplicationDestination's status: Volsync's fields ({@code ReplicationDestinationStatus}),
 * then Cairn's.
 *
 * @param lastSyncTime when the last successful sync completed
 * @param lastSyncStartTime set while a sync runs: when it started
 * @param lastSyncDuration how long the last successful sync took
 * @param nextSyncTime when the next scheduled sync is due
 * @param lastManualSync the manual trigger tag of the last completed sync
 * @param latestImage the restored PVC (Direct) or its VolumeSnapshot (Snapshot)
 * @param latestMoverStatus Volsync's summary of the last mover run
 * @param conditions {@code Synchronizing} (Volsync's), {@code LastSyncSucceeded} and {@code
 *     Restored}
 * @param restic Cairn: the restic snapshot the latest image holds
 * @param lastResult Cairn: the last run's structured result (the restored snapshot)
 * @param currentRun Cairn: the run in progress
 * @param consecutiveFailures Cairn: failed runs since the last success
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicationDestinationStatus(
    String lastSyncTime,
    String lastSyncStartTime,
    String lastSyncDuration,
    String nextSyncTime,
    String lastManualSync,
    TypedLocalObjectReference latestImage,
    MoverStatus latestMoverStatus,
    List<Condition> conditions,
    ResticDestinationStatus restic,
    SyncResult lastResult,
    RunPlan currentRun,
    Integer consecutiveFailures) {
  /** The status of a resource that never synced. */
  public static final ReplicationDestinationStatus EMPTY =
      new ReplicationDestinationStatus(null, null, null, null, null, null, null, null, null, null,
          null, null);
}
