package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * A ReplicationSource's status: Volsync's fields ({@code ReplicationSourceStatus}), then
 * Cairn's. Times are RFC 3339 strings, durations Go's ({@code 1m2.5s}).
 *
 * @param lastSyncTime when the last successful sync completed
 * @param lastSyncStartTime set while a sync runs: when it started
 * @param lastSyncDuration how long the last successful sync took
 * @param nextSyncTime when the next scheduled sync is due
 * @param lastManualSync the manual trigger tag of the last completed sync
 * @param latestMoverStatus Volsync's summary of the last mover run
 * @param conditions {@code Synchronizing} (Volsync's) and {@code LastSyncSucceeded}
 * @param restic when prune and unlock last ran
 * @param lastResult Cairn: the last run's structured result
 * @param currentRun Cairn: the run in progress
 * @param consecutiveFailures Cairn: failed runs since the last success
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicationSourceStatus(
    String lastSyncTime,
    String lastSyncStartTime,
    String lastSyncDuration,
    String nextSyncTime,
    String lastManualSync,
    MoverStatus latestMoverStatus,
    List<Condition> conditions,
    ResticSourceStatus restic,
    SyncResult lastResult,
    RunPlan currentRun,
    Integer consecutiveFailures) {
  /** The status of a resource that never synced. */
  public static final ReplicationSourceStatus EMPTY =
      new ReplicationSourceStatus(null, null, null, null, null, null, null, null, null, null,
          null);
}
