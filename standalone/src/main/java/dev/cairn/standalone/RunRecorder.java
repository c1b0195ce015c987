package dev.cairn.standalone;

import dev.cairn.operator.api.v1alpha1.MoverStatus;
import dev.cairn.operator.api.v1alpha1.RunPlan;
import dev.cairn.operator.metrics.SyncMetrics;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.reconcile.Conditions;
import dev.cairn.operator.reconcile.DecisionLog;
import dev.cairn.operator.reconcile.RestoreReport;
import dev.cairn.operator.reconcile.SyncReconciler;
import dev.cairn.operator.reconcile.SyncStatus;
import dev.cairn.operator.sync.Completion;
import dev.cairn.operator.sync.Failure;
import dev.cairn.operator.sync.SyncMachine;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.time.Instant;

/**
 * Writes how a run ended into a resource's status, as the operator does: the sync machine's
 * completion (times, next slot, missed interval) or failure (a retry with backoff, or giving up
 * until the next slot), the mover's result in {@code lastResult}, the conditions, the metrics
 * and a log line; for a source the prune and unlock it did, for a destination what it restored.
 */
final class RunRecorder {
  private final SyncMetrics metrics;
  private final DecisionLog log;

  RunRecorder(SyncMetrics metrics, DecisionLog log) {
    this.metrics = metrics;
    this.log = log;
  }

  void record(Managed m, SyncMachine machine, SyncStatus st, MoverOutcome outcome,
      TypedLocalObjectReference image, Instant now) {
    SyncMetrics.Key key = Standalone.metricsKey(m);
    st.lastResult = outcome.toStatus(SyncStatus.text(now));
    st.latestMoverStatus = new MoverStatus(outcome.success() ? MoverStatus.SUCCESSFUL
        : MoverStatus.FAILED, outcome.message());
    Conditions.set(st.conditions, Conditions.LAST_SYNC_SUCCEEDED, outcome.success(),
        Conditions.reason(outcome.outcome()), outcome.message(), 1, now);
    if (!m.key().source()) {
      if (outcome.success() && image != null) {
        st.latestImage = image;
      }
      RestoreReport report = RestoreReport.of(outcome, m.claim(), st.latestImage);
      if (outcome.success()) {
        st.restoredSnapshot = report.snapshotId();
        st.restoredSnapshotTime = report.snapshotTime();
      }
      Conditions.set(st.conditions, RestoreReport.CONDITION, report.restored(), report.reason(),
          report.message(), 1, now);
    }
    if (outcome.success()) {
      Completion c = machine.completed(m.trigger(), SyncReconciler.state(m.resource(), st), now);
      if (m.key().source()) {
        RunPlan run = st.currentRun;
        if (outcome.did("prune")) {
          st.lastPruned = now;
        }
        if (run != null && run.actions().contains("unlock") && outcome.did("unlock")) {
          st.lastUnlocked = run.unlock();
        }
      }
      st.complete(c);
      Long added = outcome.number("backup", "bytes_added");
      Long changed = sum(outcome.number("backup", "files_new"),
          outcome.number("backup", "files_changed"));
      metrics.completed(key, c.duration(), c.missedInterval(), now, added, changed);
      metrics.run(key, outcome.outcome(), 0);
      log.info(m.resource(), "completed", "outcome", outcome.outcome(), "snapshot",
          shortId(st.lastResult.snapshotId()), "duration", st.lastSyncDuration, "next",
          SyncStatus.text(st.nextSyncTime), "missed", c.missedInterval(), "message",
          outcome.message());
      return;
    }
    Failure f = machine.failed(m.trigger(), SyncReconciler.state(m.resource(), st), now);
    String then = st.fail(f);
    metrics.run(key, outcome.outcome(), f.consecutiveFailures());
    log.warn(m.resource(), "failed", "outcome", outcome.outcome(), "message", outcome.message(),
        "consecutive_failures", f.consecutiveFailures(), "then", then);
  }


  private static String shortId(String id) {
    return id == null ? "none" : RestoreReport.shortId(id);
  }

  private static Long sum(Long a, Long b) {
    return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
  }
}
