package dev.cairn.operator.reconcile;

import dev.cairn.operator.sync.Completion;
import dev.cairn.operator.sync.Failure;
import dev.cairn.operator.sync.GoDuration;

import dev.cairn.operator.api.v1alpha1.MoverStatus;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ReplicationSourceStatus;
import dev.cairn.operator.api.v1alpha1.ResticDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ResticSourceStatus;
import dev.cairn.operator.api.v1alpha1.RunPlan;
import dev.cairn.operator.api.v1alpha1.SyncResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A status being edited during one reconcile: the fields both resources have, plus each one's
 * own ({@code restic} on a source; {@code latestImage} and the restored snapshot on a
 * destination). Read from the status record at the start, written back as a record at the end;
 * the reconcile patches the status only when the result differs. {@code cairn standalone} keeps
 * the same status in its state file.
 */
public final class SyncStatus {
  public Instant lastSyncTime;
  public Instant lastSyncStartTime;
  public String lastSyncDuration;
  public Instant nextSyncTime;
  public String lastManualSync;
  public MoverStatus latestMoverStatus;
  public List<Condition> conditions = new ArrayList<>();
  public SyncResult lastResult;
  public RunPlan currentRun;
  public int consecutiveFailures;
  public Instant lastPruned;
  public String lastUnlocked;
  public TypedLocalObjectReference latestImage;
  public String restoredSnapshot;
  public String restoredSnapshotTime;

  public static SyncStatus of(ReplicationSourceStatus s) {
    SyncStatus d = new SyncStatus();
    if (s == null) {
      return d;
    }
    d.common(s.lastSyncTime(), s.lastSyncStartTime(), s.lastSyncDuration(), s.nextSyncTime(),
        s.lastManualSync(), s.latestMoverStatus(), s.conditions(), s.lastResult(),
        s.currentRun(), s.consecutiveFailures());
    if (s.restic() != null) {
      d.lastPruned = time(s.restic().lastPruned());
      d.lastUnlocked = s.restic().lastUnlocked();
    }
    return d;
  }

  public static SyncStatus of(ReplicationDestinationStatus s) {
    SyncStatus d = new SyncStatus();
    if (s == null) {
      return d;
    }
    d.common(s.lastSyncTime(), s.lastSyncStartTime(), s.lastSyncDuration(), s.nextSyncTime(),
        s.lastManualSync(), s.latestMoverStatus(), s.conditions(), s.lastResult(),
        s.currentRun(), s.consecutiveFailures());
    d.latestImage = s.latestImage();
    if (s.restic() != null) {
      d.restoredSnapshot = s.restic().restoredSnapshot();
      d.restoredSnapshotTime = s.restic().restoredSnapshotTime();
    }
    return d;
  }

  private void common(String last, String start, String duration, String next, String manual,
      MoverStatus mover, List<Condition> conds, SyncResult result, RunPlan run,
      Integer failures) {
    lastSyncTime = time(last);
    lastSyncStartTime = time(start);
    lastSyncDuration = duration;
    nextSyncTime = time(next);
    lastManualSync = manual;
    latestMoverStatus = mover;
    conditions = conds == null ? new ArrayList<>() : new ArrayList<>(conds);
    lastResult = result;
    currentRun = run;
    consecutiveFailures = failures == null ? 0 : failures;
  }

  public ReplicationSourceStatus toSource() {
    ResticSourceStatus restic = lastPruned == null && lastUnlocked == null ? null
        : new ResticSourceStatus(text(lastPruned), lastUnlocked);
    return new ReplicationSourceStatus(text(lastSyncTime), text(lastSyncStartTime),
        lastSyncDuration, text(nextSyncTime), lastManualSync, latestMoverStatus,
        conditions.isEmpty() ? null : List.copyOf(conditions), restic, lastResult, currentRun,
        consecutiveFailures == 0 ? null : consecutiveFailures);
  }

  public ReplicationDestinationStatus toDestination() {
    ResticDestinationStatus restic = restoredSnapshot == null && restoredSnapshotTime == null
        ? null : new ResticDestinationStatus(restoredSnapshot, restoredSnapshotTime);
    return new ReplicationDestinationStatus(text(lastSyncTime), text(lastSyncStartTime),
        lastSyncDuration, text(nextSyncTime), lastManualSync, latestImage, latestMoverStatus,
        conditions.isEmpty() ? null : List.copyOf(conditions), restic, lastResult, currentRun,
        consecutiveFailures == 0 ? null : consecutiveFailures);
  }

  /** A run succeeded: the sync machine's completion, the run cleared, no failures. */
  public void complete(Completion c) {
    lastSyncTime = c.lastSyncTime();
    lastSyncDuration = GoDuration.format(c.duration());
    nextSyncTime = c.nextSyncTime();
    lastManualSync = c.lastManualSync();
    lastSyncStartTime = null;
    currentRun = null;
    consecutiveFailures = 0;
  }

  /**
   * A run failed: the sync machine's answer, a retry of the same actions or the slot or tag
   * waited for after giving up.
   *
   * @return what follows, for events and logs
   */
  public String fail(Failure f) {
    RunPlan run = currentRun;
    lastSyncStartTime = null;
    consecutiveFailures = f.consecutiveFailures();
    if (f.retry() && run != null) {
      currentRun = new RunPlan(run.actions(), f.nextAttempt(), run.job(),
          text(f.retryAt()), run.unlock());
      return "attempt " + f.nextAttempt() + " at " + text(f.retryAt());
    }
    currentRun = null;
    if (f.nextSyncTime() != null) {
      nextSyncTime = f.nextSyncTime();
    }
    if (f.lastManualSync() != null) {
      lastManualSync = f.lastManualSync();
    }
    return "retries exhausted; " + (nextSyncTime != null ? "next sync at "
        + text(nextSyncTime) : "waiting for spec.trigger.manual to change");
  }

  /** An RFC 3339 time as Kubernetes writes {@code metav1.Time}: seconds, UTC. */
  public static String text(Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  public static Instant time(String s) {
    return s == null || s.isEmpty() ? null : Instant.parse(s);
  }
}
