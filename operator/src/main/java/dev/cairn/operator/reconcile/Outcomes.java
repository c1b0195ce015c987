package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.MoverSettings;
import dev.cairn.operator.api.v1alpha1.MoverStatus;
import dev.cairn.operator.api.v1alpha1.RunPlan;
import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.metrics.SyncMetrics;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.sync.Completion;
import dev.cairn.operator.sync.Failure;
import dev.cairn.operator.sync.SyncMachine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;

/**
 * Records how a run ended: the sync machine's completion or failure in the status timestamps,
 * the mover's result in {@code lastResult} and {@code latestMoverStatus}, the conditions, an
 * event, the metrics and a log line.
 */
final class Outcomes<R extends HasMetadata> {
  private final SyncKind<R> kind;
  private final SyncMachine machine;
  private final TriggerSpec trigger;
  private final SyncMetrics metrics;
  private final EventRecorder events;
  private final DecisionLog log;

  Outcomes(SyncKind<R> kind, SyncMachine machine, TriggerSpec trigger, SyncMetrics metrics,
      EventRecorder events, DecisionLog log) {
    this.kind = kind;
    this.machine = machine;
    this.trigger = trigger;
    this.metrics = metrics;
    this.events = events;
    this.log = log;
  }

  void record(R resource, MoverSettings restic, SyncStatus st, MoverOutcome outcome,
      String logTail, SyncMetrics.Key key, long generation, Instant now) {
    st.lastResult = outcome.toStatus(SyncStatus.text(now));
    st.latestMoverStatus = new MoverStatus(outcome.success() ? MoverStatus.SUCCESSFUL
        : MoverStatus.FAILED, logTail.isEmpty() ? outcome.message() : logTail);
    Conditions.set(st.conditions, Conditions.LAST_SYNC_SUCCEEDED, outcome.success(),
        Conditions.reason(outcome.outcome()), outcome.message(), generation, now);
    if (outcome.success()) {
      succeeded(resource, restic, st, outcome, key, now);
    } else {
      failed(resource, st, outcome, key, now);
    }
  }

  private void succeeded(R resource, MoverSettings restic, SyncStatus st, MoverOutcome outcome,
      SyncMetrics.Key key, Instant now) {
    Completion c = machine.completed(trigger, SyncReconciler.state(resource, st), now);
    kind.succeeded(resource, restic, st, outcome, now);
    st.complete(c);
    Long changed = sum(outcome.number("backup", "files_new"),
        outcome.number("backup", "files_changed"));
    metrics.completed(key, c.duration(), c.missedInterval(), now,
        outcome.number("backup", "bytes_added"), changed);
    metrics.run(key, outcome.outcome(), 0);
    boolean partial = "partial".equals(outcome.outcome());
    events.record(resource, partial ? EventRecorder.WARNING : EventRecorder.NORMAL,
        partial ? "SyncPartial" : "SyncSucceeded", outcome.message());
    log.info(resource, "completed", "outcome", outcome.outcome(), "duration",
        st.lastSyncDuration, "next", SyncStatus.text(st.nextSyncTime), "missed",
        c.missedInterval());
  }

  private void failed(R resource, SyncStatus st, MoverOutcome outcome, SyncMetrics.Key key,
      Instant now) {
    Failure f = machine.failed(trigger, SyncReconciler.state(resource, st), now);
    kind.failed(resource, st, outcome, now);
    String what = st.fail(f);
    metrics.run(key, outcome.outcome(), f.consecutiveFailures());
    events.record(resource, EventRecorder.WARNING,
        f.retry() ? "SyncFailed" : "SyncRetriesExhausted",
        outcome.outcome() + ": " + outcome.message() + " (" + what + ")");
    log.warn(resource, "failed", "outcome", outcome.outcome(), "message", outcome.message(),
        "consecutive_failures", f.consecutiveFailures(), "then", what);
  }

  private static Long sum(Long a, Long b) {
    return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
  }
}
