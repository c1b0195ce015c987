package dev.cairn.operator.sync;

import java.time.Instant;
import java.util.Objects;

/** What a reconcile should do next, from {@link SyncMachine#decide}. */
public sealed interface Decision {

  /**
   * Start a run now: set {@code lastSyncStartTime} ({@link SyncState#started}) and create the
   * mover Job. The condition is Volsync's {@code Synchronizing=True/SyncInProgress}.
   *
   * @param cause why it starts
   * @param attempt the attempt within the slot: 1, or more for a {@link Cause#RETRY}
   */
  record Start(Cause cause, int attempt) implements Decision {
    public Start {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * Start nothing; reconcile again at {@code until}, or when the spec changes.
   *
   * @param until when a run may start, or null: not before the spec changes. For {@link
   *     #WAITING_FOR_SCHEDULE} it is the value to show as {@code status.nextSyncTime}
   * @param reason the {@code Synchronizing=False} condition's reason: Volsync's {@link
   *     #WAITING_FOR_SCHEDULE} and {@link #WAITING_FOR_MANUAL}, Cairn's {@link
   *     #WAITING_TO_RETRY} and {@link #PAUSED}
   */
  record Wait(Instant until, String reason) implements Decision {
    /** A schedule-driven resource waits for its next firing. */
    public static final String WAITING_FOR_SCHEDULE = "WaitingForSchedule";
    /** A manual resource waits for a new {@code spec.trigger.manual} tag. */
    public static final String WAITING_FOR_MANUAL = "WaitingForManual";
    /** A failed run waits to be retried, or a continuous resource rests after giving up. */
    public static final String WAITING_TO_RETRY = "WaitingToRetry";
    /** {@code spec.paused} is true: nothing starts until it is cleared. */
    public static final String PAUSED = "Paused";

    public Wait {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A run is in progress: keep driving it ({@code Synchronizing=True/SyncInProgress}). */
  record Continue() implements Decision {}

  /** Why a run starts. */
  enum Cause {
    /** The resource never synced (Volsync syncs at once on creation). */
    FIRST,
    /** The schedule fired. */
    SCHEDULE,
    /** {@code spec.trigger.manual} differs from {@code status.lastManualSync}. */
    MANUAL,
    /** No trigger: the previous sync ended. */
    CONTINUOUS,
    /** A failed run is tried again after its backoff. */
    RETRY
  }
}
