package dev.cairn.operator.sync;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.sync.Decision.Cause;
import dev.cairn.operator.sync.Decision.Continue;
import dev.cairn.operator.sync.Decision.Start;
import dev.cairn.operator.sync.Decision.Wait;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Volsync's sync state machine ({@code internal/controller/statemachine/machine.go}) as pure
 * functions of a resource's trigger, status times and the current time, with Cairn's fixes:
 * bounded retries with backoff, a per-resource jitter, and an optional wait for the first slot.
 * It never reads the clock and never touches Kubernetes; the reconciler applies its answers with
 * {@link SyncState#started}, {@link SyncState#completed} and {@link SyncState#failed}.
 *
 * <p>Scheduled firings are those of the schedule moved later by {@link #jitterOffset()}; with no
 * jitter they are Volsync's. Every method that needs the schedule parses it, so an invalid one
 * throws {@link InvalidTriggerException} from each of them.
 */
public final class SyncMachine {
  private final SyncPolicy policy;
  private final Duration jitterOffset;

  /**
   * @param policy retries, backoff, jitter and first-sync behaviour
   * @param seed the resource's uid: the jitter offset is a hash of it, so it survives a restart
   *     of the operator and differs between resources
   */
  public SyncMachine(SyncPolicy policy, String seed) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.jitterOffset = offset(policy.jitter(), seed == null ? "" : seed);
  }

  /** The policy this machine applies. */
  public SyncPolicy policy() {
    return policy;
  }

  /**
   * How much later than the schedule this resource's firings fall: a stable function of the
   * seed, whole seconds in {@code [0, policy.jitter())}; zero when the jitter is under a second.
   */
  public Duration jitterOffset() {
    return jitterOffset;
  }

  /**
   * What to do now, in this order: a run in progress continues; a paused resource waits; a
   * pending retry waits for {@code retryAt}, then starts; a resource that never ran starts at
   * once (unless {@link SyncPolicy#syncOnCreate()} is false); then by trigger: a schedule starts
   * once {@code now} reaches its next firing after the last success (or after creation, or the
   * later slot it was moved to when it gave up), a manual tag starts when it differs from
   * {@code lastManualSync}, and no trigger starts again at once unless resting after giving up.
   *
   * @throws InvalidTriggerException when the trigger's schedule is invalid and no run is going
   */
  public Decision decide(TriggerSpec trigger, boolean paused, SyncState state, Instant now) {
    if (state.running()) {
      return new Continue();
    }
    TriggerKind kind = TriggerKind.of(trigger);
    Schedule schedule = kind == TriggerKind.SCHEDULE ? Schedule.parse(trigger.schedule()) : null;
    if (paused) {
      return new Wait(null, Wait.PAUSED);
    }
    if (state.retryAt() != null) {
      return now.isBefore(state.retryAt())
          ? new Wait(state.retryAt(), Wait.WAITING_TO_RETRY)
          : new Start(Cause.RETRY, Math.max(1, state.attempt()));
    }
    if (state.lastSyncTime() == null && state.consecutiveFailures() == 0
        && policy.syncOnCreate()) {
      return new Start(Cause.FIRST, 1);
    }
    switch (kind) {
      case SCHEDULE:
        Instant due = due(schedule, state);
        return due == null || !now.isBefore(due)
            ? new Start(Cause.SCHEDULE, 1) : new Wait(due, Wait.WAITING_FOR_SCHEDULE);
      case MANUAL:
        return trigger.manual().equals(state.lastManualSync())
            ? new Wait(null, Wait.WAITING_FOR_MANUAL) : new Start(Cause.MANUAL, 1);
      default:
        Instant rest = rest(state, now);
        return rest == null ? new Start(Cause.CONTINUOUS, 1) : new Wait(rest, Wait.WAITING_TO_RETRY);
    }
  }

  /**
   * The first firing strictly after {@code after}, jitter included: {@code
   * schedule.next(after - offset) + offset}, which is {@code schedule.next(after) + offset}
   * unless {@code after} falls between a firing and its jittered time.
   *
   * @return the firing, or null when the resource is not schedule-driven or {@code after} is null
   * @throws InvalidTriggerException when the schedule is invalid
   */
  public Instant nextSyncTime(TriggerSpec trigger, Instant after) {
    if (TriggerKind.of(trigger) != TriggerKind.SCHEDULE || after == null) {
      return null;
    }
    return firing(Schedule.parse(trigger.schedule()), after);
  }

  /**
   * A run succeeded at {@code now}: see {@link Completion} for each field.
   *
   * @param state the state while the run was going (its {@code lastSyncTime} is the previous
   *     success, its {@code lastSyncStartTime} the run's start)
   */
  public Completion completed(TriggerSpec trigger, SyncState state, Instant now) {
    Schedule schedule = TriggerKind.of(trigger) == TriggerKind.SCHEDULE
        ? Schedule.parse(trigger.schedule()) : null;
    Duration duration = state.lastSyncStartTime() == null
        ? Duration.ZERO : Duration.between(state.lastSyncStartTime(), now);
    boolean missed = schedule != null && state.lastSyncTime() != null
        && missedDeadline(schedule, state.lastSyncTime(), now);
    return new Completion(now, duration.isNegative() ? Duration.ZERO : duration,
        schedule == null ? null : firing(schedule, now), manualTag(trigger), missed);
  }

  /**
   * A run failed at {@code now}. While {@code state.attempt() <= maxRetries} it is retried
   * after {@link SyncPolicy#backoff}; then the machine gives up until the next slot: the next
   * firing after now, the next manual tag, or {@code now + maxBackoff} for no trigger.
   *
   * @param state the state while the run was going; an attempt of 0 counts as 1
   */
  public Failure failed(TriggerSpec trigger, SyncState state, Instant now) {
    int failures = state.consecutiveFailures() + 1;
    int attempt = Math.max(1, state.attempt());
    if (attempt <= policy.maxRetries()) {
      return new Failure(failures, true, attempt + 1, now.plus(policy.backoff(attempt)),
          state.nextSyncTime(), state.lastManualSync(), false);
    }
    return switch (TriggerKind.of(trigger)) {
      case SCHEDULE -> new Failure(failures, false, 0, null,
          firing(Schedule.parse(trigger.schedule()), now), state.lastManualSync(), true);
      case MANUAL -> new Failure(failures, false, 0, null, null, trigger.manual(), true);
      case CONTINUOUS -> new Failure(failures, false, 0, null, now.plus(policy.maxBackoff()),
          state.lastManualSync(), true);
    };
  }

  /**
   * Volsync's {@code volsync_volume_out_of_sync}: true when the resource never synced, or is
   * schedule-driven and the firing after the one after its last success has passed. Unlike
   * Volsync's gauge (#1167) it is a function of the state, so it clears when a sync completes.
   *
   * @throws InvalidTriggerException when the schedule is invalid and the resource synced before
   */
  public boolean outOfSync(TriggerSpec trigger, SyncState state, Instant now) {
    if (state.lastSyncTime() == null) {
      return true;
    }
    return TriggerKind.of(trigger) == TriggerKind.SCHEDULE
        && missedDeadline(Schedule.parse(trigger.schedule()), state.lastSyncTime(), now);
  }

  /**
   * Volsync's prune decision: prune when {@code now} is past the baseline plus the interval.
   *
   * @param lastPruned {@code status.restic.lastPruned}, the baseline when set
   * @param created the resource's creation time, the baseline before the first prune
   * @param pruneIntervalDays {@code spec.restic.pruneIntervalDays}; null means 7
   * @return true to add {@code prune} to the run; also true with no baseline at all
   */
  public static boolean shouldPrune(Instant lastPruned, Instant created,
      Integer pruneIntervalDays, Instant now) {
    Duration interval = Duration.ofDays(pruneIntervalDays == null ? 7 : pruneIntervalDays);
    Instant baseline = lastPruned != null ? lastPruned : created;
    return baseline == null || now.isAfter(baseline.plus(interval));
  }

  /**
   * Volsync's unlock decision: {@code spec.restic.unlock} is set and differs from {@code
   * status.restic.lastUnlocked}.
   */
  public static boolean shouldUnlock(String unlock, String lastUnlocked) {
    return unlock != null && !unlock.isEmpty() && !unlock.equals(lastUnlocked);
  }

  /**
   * When a scheduled resource is due: the firing after its last success (or its creation), or,
   * after it gave up, the first firing at or after the slot it was moved to; null when there is
   * neither a success nor a creation time (due at once).
   */
  private Instant due(Schedule schedule, SyncState state) {
    Instant base = state.lastSyncTime() != null ? state.lastSyncTime() : state.created();
    Instant due = base == null ? null : firing(schedule, base);
    Instant moved = state.nextSyncTime();
    if (state.consecutiveFailures() > 0 && moved != null && (due == null || moved.isAfter(due))) {
      // re-derived rather than trusted, so that a schedule edit applies from the moved slot on
      due = firing(schedule, moved.minusNanos(1));
    }
    return due;
  }

  /** A continuous resource rests until {@code nextSyncTime} after giving up, at most maxBackoff. */
  private Instant rest(SyncState state, Instant now) {
    Instant until = state.nextSyncTime();
    boolean resting = state.consecutiveFailures() > 0 && until != null && now.isBefore(until)
        && !until.isAfter(now.plus(policy.maxBackoff()));
    return resting ? until : null; // a later time is a stale slot from a former schedule
  }

  private Instant firing(Schedule schedule, Instant after) {
    return schedule.next(after.minus(jitterOffset)).plus(jitterOffset);
  }

  /** Volsync's {@code pastScheduleDeadline}: next(next(lastSync)) is before now. */
  private boolean missedDeadline(Schedule schedule, Instant lastSync, Instant now) {
    return firing(schedule, firing(schedule, lastSync)).isBefore(now);
  }

  private static String manualTag(TriggerSpec trigger) {
    return TriggerKind.of(trigger) == TriggerKind.MANUAL ? trigger.manual() : null;
  }

  private static Duration offset(Duration jitter, String seed) {
    long seconds = jitter.getSeconds() + (jitter.getNano() > 0 ? 1 : 0);
    if (seconds == 0) {
      return Duration.ZERO;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return Duration.ofSeconds(Math.floorMod(ByteBuffer.wrap(hash).getLong(), seconds));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
