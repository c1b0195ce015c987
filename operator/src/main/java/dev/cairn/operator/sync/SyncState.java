package dev.cairn.operator.sync;

import java.time.Instant;

/**
 * What the machine reads from a resource: its creation time and its status timestamps
 * (Volsync's, plus Cairn's run plan and failure count). The state is derived from them, as in
 * Volsync: a run is in progress while {@code lastSyncStartTime} is set.
 *
 * <p>The reconciler stores the outcome of each step back with {@link #started}, {@link
 * #completed(Completion)} and {@link #failed(Failure)}; those three say which status fields
 * each step writes.
 *
 * @param created the resource's {@code metadata.creationTimestamp}
 * @param lastSyncTime when the last successful sync completed, or null if none did
 * @param lastSyncStartTime when the run in progress started, or null when none is
 * @param nextSyncTime {@code status.nextSyncTime}: the slot a scheduled resource was moved to
 *     after it gave up, or a continuously syncing resource's rest; the machine derives the next
 *     firing from the schedule itself, so a schedule edit takes effect at once
 * @param lastManualSync the manual tag of the last sync that completed (or gave up)
 * @param attempt the attempt number, within the current slot, of the run in progress or of
 *     the retry waiting for {@code retryAt} (1 for the first try); 0 when idle
 * @param retryAt a failed run's retry waits until then; null when no retry is pending
 * @param consecutiveFailures failed runs since the last success
 */
public record SyncState(Instant created, Instant lastSyncTime, Instant lastSyncStartTime,
    Instant nextSyncTime, String lastManualSync, int attempt, Instant retryAt,
    int consecutiveFailures) {

  /**
   * The state of a resource that never ran.
   *
   * @param created its creation time
   * @return a state with no times but {@code created}
   */
  public static SyncState created(Instant created) {
    return new SyncState(created, null, null, null, null, 0, null, 0);
  }

  /** True while a run is in progress. */
  public boolean running() {
    return lastSyncStartTime != null;
  }

  /**
   * The state once a run started: {@code lastSyncStartTime = now}, the attempt recorded and
   * any pending retry consumed.
   *
   * @param now when the run started
   * @param attempt the run's attempt, from {@link Decision.Start#attempt()}
   * @return the new state
   */
  public SyncState started(Instant now, int attempt) {
    return new SyncState(created, lastSyncTime, now, nextSyncTime, lastManualSync, attempt, null,
        consecutiveFailures);
  }

  /**
   * The state once a run succeeded: Volsync's fields from the completion, the run cleared and
   * the failure count reset.
   *
   * @param completion from {@link SyncMachine#completed}
   * @return the new state
   */
  public SyncState completed(Completion completion) {
    return new SyncState(created, completion.lastSyncTime(), null, completion.nextSyncTime(),
        completion.lastManualSync(), 0, null, 0);
  }

  /**
   * The state once a run failed: the run cleared, then either a retry pending (attempt and
   * {@code retryAt}) or, when the machine gave up, the next slot or manual tag to wait for.
   * {@code lastSyncTime} is kept: it is the last success.
   *
   * @param failure from {@link SyncMachine#failed}
   * @return the new state
   */
  public SyncState failed(Failure failure) {
    return new SyncState(created, lastSyncTime, null, failure.nextSyncTime(),
        failure.lastManualSync(), failure.retry() ? failure.nextAttempt() : 0,
        failure.retryAt(), failure.consecutiveFailures());
  }
}
