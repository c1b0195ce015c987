package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.sync.Decision.Cause;
import dev.cairn.operator.sync.Decision.Start;
import dev.cairn.operator.sync.Decision.Wait;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Whole timelines, applied as the reconciler applies them: decide, then {@link
 * SyncState#started}, {@link SyncState#completed} or {@link SyncState#failed}. Times are
 * fixed instants on 1 May 2024; nothing reads the clock.
 */
class SyncMachineLifecycleTest {
  private static final Instant CREATED = at("09:30:00");
  private static final TriggerSpec HOURLY = new TriggerSpec("0 * * * *", null);
  private static final SyncPolicy ONE_RETRY =
      new SyncPolicy(1, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ZERO, true);

  private static Instant at(String hhmmss) {
    return Instant.parse("2024-05-01T" + hhmmss + "Z");
  }

  /** One resource: its trigger, pause flag and status, driven by the machine. */
  private static final class Resource {
    final SyncMachine machine;
    TriggerSpec trigger;
    boolean paused;
    SyncState state = SyncState.created(CREATED);

    Resource(SyncPolicy policy, TriggerSpec trigger) {
      this.machine = new SyncMachine(policy, "uid-1");
      this.trigger = trigger;
    }

    Decision reconcile(String now) {
      Decision d = machine.decide(trigger, paused, state, at(now));
      if (d instanceof Start start) {
        state = state.started(at(now), start.attempt());
      }
      return d;
    }

    Completion succeed(String now) {
      Completion c = machine.completed(trigger, state, at(now));
      state = state.completed(c);
      return c;
    }

    Failure fail(String now) {
      Failure f = machine.failed(trigger, state, at(now));
      state = state.failed(f);
      return f;
    }
  }

  @Test
  void anHourlyResourceRetriesThreeTimesThenWaitsForTheNextFiring() {
    Resource r = new Resource(SyncPolicy.DEFAULT, HOURLY);
    assertThat(r.reconcile("09:30:00")).isEqualTo(new Start(Cause.FIRST, 1));
    assertThat(r.succeed("09:31:00").nextSyncTime()).isEqualTo(at("10:00:00"));
    assertThat(r.reconcile("09:45:00"))
        .isEqualTo(new Wait(at("10:00:00"), Wait.WAITING_FOR_SCHEDULE));
    assertThat(r.reconcile("10:00:00")).isEqualTo(new Start(Cause.SCHEDULE, 1));

    assertThat(r.fail("10:01:00").retryAt()).isEqualTo(at("10:02:00"));
    assertThat(r.reconcile("10:01:30")).isEqualTo(new Wait(at("10:02:00"), Wait.WAITING_TO_RETRY));
    assertThat(r.reconcile("10:02:00")).isEqualTo(new Start(Cause.RETRY, 2));
    assertThat(r.fail("10:03:00").retryAt()).isEqualTo(at("10:05:00"));
    assertThat(r.reconcile("10:05:00")).isEqualTo(new Start(Cause.RETRY, 3));
    assertThat(r.fail("10:06:00").retryAt()).isEqualTo(at("10:10:00"));
    assertThat(r.reconcile("10:10:00")).isEqualTo(new Start(Cause.RETRY, 4));
    assertThat(r.fail("10:11:00"))
        .isEqualTo(new Failure(4, false, 0, null, at("11:00:00"), null, true));

    // given up: the 10:00 firing is spent, the next slot is 11:00
    assertThat(r.reconcile("10:30:00"))
        .isEqualTo(new Wait(at("11:00:00"), Wait.WAITING_FOR_SCHEDULE));
    assertThat(r.machine.outOfSync(HOURLY, r.state, at("11:00:00"))).isFalse();
    assertThat(r.machine.outOfSync(HOURLY, r.state, at("11:00:01"))).isTrue();
    assertThat(r.reconcile("11:00:00")).isEqualTo(new Start(Cause.SCHEDULE, 1));
    Completion recovered = r.succeed("11:02:00");
    assertThat(recovered.missedInterval()).isTrue(); // after 09:31 the deadline was 11:00
    assertThat(r.state).isEqualTo(new SyncState(CREATED, at("11:02:00"), null, at("12:00:00"),
        null, 0, null, 0));
    assertThat(r.machine.outOfSync(HOURLY, r.state, at("11:02:00"))).isFalse();
  }

  @Test
  void aManualResourceGivesUpOnATagAndRunsTheNextOne() {
    Resource r = new Resource(ONE_RETRY, new TriggerSpec(null, "tag-1"));
    assertThat(r.reconcile("09:30:00")).isEqualTo(new Start(Cause.FIRST, 1));
    assertThat(r.succeed("09:31:00").lastManualSync()).isEqualTo("tag-1");
    assertThat(r.reconcile("09:32:00")).isEqualTo(new Wait(null, Wait.WAITING_FOR_MANUAL));

    r.trigger = new TriggerSpec(null, "tag-2");
    assertThat(r.reconcile("10:00:00")).isEqualTo(new Start(Cause.MANUAL, 1));
    r.fail("10:01:00");
    assertThat(r.reconcile("10:02:00")).isEqualTo(new Start(Cause.RETRY, 2));
    assertThat(r.fail("10:03:00").gaveUp()).isTrue();
    assertThat(r.state.lastManualSync()).isEqualTo("tag-2");
    assertThat(r.state.lastSyncTime()).isEqualTo(at("09:31:00"));
    assertThat(r.reconcile("12:00:00")).isEqualTo(new Wait(null, Wait.WAITING_FOR_MANUAL));

    r.trigger = new TriggerSpec(null, "tag-3");
    assertThat(r.reconcile("12:05:00")).isEqualTo(new Start(Cause.MANUAL, 1));
    r.succeed("12:06:00");
    assertThat(r.state.consecutiveFailures()).isZero();
    assertThat(r.reconcile("12:07:00")).isEqualTo(new Wait(null, Wait.WAITING_FOR_MANUAL));
  }

  @Test
  void aContinuousResourceRestsForTheLongestBackoffAfterGivingUp() {
    Resource r = new Resource(ONE_RETRY, null);
    assertThat(r.reconcile("09:30:00")).isEqualTo(new Start(Cause.FIRST, 1));
    r.succeed("09:31:00");
    assertThat(r.reconcile("09:31:00")).isEqualTo(new Start(Cause.CONTINUOUS, 1));
    r.fail("09:32:00");
    assertThat(r.reconcile("09:33:00")).isEqualTo(new Start(Cause.RETRY, 2));
    assertThat(r.fail("09:34:00").nextSyncTime()).isEqualTo(at("10:04:00"));
    assertThat(r.reconcile("09:50:00")).isEqualTo(new Wait(at("10:04:00"), Wait.WAITING_TO_RETRY));
    assertThat(r.reconcile("10:04:00")).isEqualTo(new Start(Cause.CONTINUOUS, 1));
    assertThat(r.succeed("10:05:00").nextSyncTime()).isNull();
    assertThat(r.reconcile("10:05:00")).isEqualTo(new Start(Cause.CONTINUOUS, 1));
  }

  @Test
  void aContinuousResourceRestsOnlyAfterFailingAndNeverBeyondTheLongestBackoff() {
    Resource r = new Resource(ONE_RETRY, null);
    // left over from a former schedule: two hours away, beyond maxBackoff (30 minutes)
    r.state = new SyncState(CREATED, at("09:31:00"), null, at("12:00:00"), null, 0, null, 2);
    assertThat(r.reconcile("10:00:00")).isEqualTo(new Start(Cause.CONTINUOUS, 1));
    // left over from a former schedule after a success: no failure, so no rest
    r.state = new SyncState(CREATED, at("09:31:00"), null, at("10:00:00"), null, 0, null, 0);
    assertThat(r.reconcile("09:40:00")).isEqualTo(new Start(Cause.CONTINUOUS, 1));
    r.state = new SyncState(CREATED, at("09:31:00"), null, at("10:30:00"), null, 0, null, 2);
    assertThat(r.reconcile("10:00:00")).isEqualTo(new Wait(at("10:30:00"), Wait.WAITING_TO_RETRY));
  }

  @Test
  void aFailedFirstSyncIsNotRepeatedButWaitsForTheSchedule() {
    Resource r = new Resource(
        new SyncPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ZERO, true),
        HOURLY);
    assertThat(r.reconcile("09:30:00")).isEqualTo(new Start(Cause.FIRST, 1));
    assertThat(r.fail("09:31:00"))
        .isEqualTo(new Failure(1, false, 0, null, at("10:00:00"), null, true));
    assertThat(r.reconcile("09:40:00"))
        .isEqualTo(new Wait(at("10:00:00"), Wait.WAITING_FOR_SCHEDULE));
    assertThat(r.machine.outOfSync(HOURLY, r.state, at("09:40:00"))).isTrue();
    assertThat(r.reconcile("10:00:00")).isEqualTo(new Start(Cause.SCHEDULE, 1));
  }

  @Test
  void aScheduleEditedAfterGivingUpAppliesFromTheMovedSlot() {
    Resource r = new Resource(SyncPolicy.DEFAULT, HOURLY);
    r.state = new SyncState(CREATED, at("09:31:00"), null, at("11:00:00"), null, 0, null, 4);
    assertThat(r.reconcile("10:20:00"))
        .isEqualTo(new Wait(at("11:00:00"), Wait.WAITING_FOR_SCHEDULE));
    r.trigger = new TriggerSpec("30 * * * *", null);
    assertThat(r.reconcile("10:20:00"))
        .isEqualTo(new Wait(at("11:30:00"), Wait.WAITING_FOR_SCHEDULE));
    r.trigger = new TriggerSpec("*/20 * * * *", null);
    assertThat(r.reconcile("10:20:00"))
        .isEqualTo(new Wait(at("11:00:00"), Wait.WAITING_FOR_SCHEDULE));
  }

  @Test
  void pausingDuringARetryHoldsItAndUnpausingRunsIt() {
    Resource r = new Resource(SyncPolicy.DEFAULT, HOURLY);
    r.state = new SyncState(CREATED, at("09:31:00"), null, at("10:00:00"), null, 0, null, 0);
    assertThat(r.reconcile("10:00:00")).isEqualTo(new Start(Cause.SCHEDULE, 1));
    r.fail("10:01:00");
    r.paused = true;
    assertThat(r.reconcile("10:02:00")).isEqualTo(new Wait(null, Wait.PAUSED));
    assertThat(r.state.retryAt()).isEqualTo(at("10:02:00"));
    r.paused = false;
    assertThat(r.reconcile("10:40:00")).isEqualTo(new Start(Cause.RETRY, 2));
  }

  @Test
  void aResourcePausedThroughManyFiringsSyncsOnceWhenUnpaused() {
    Resource r = new Resource(SyncPolicy.DEFAULT, HOURLY);
    r.state = new SyncState(CREATED, at("09:31:00"), null, at("10:00:00"), null, 0, null, 0);
    r.paused = true;
    assertThat(r.reconcile("13:10:00")).isEqualTo(new Wait(null, Wait.PAUSED));
    assertThat(r.machine.outOfSync(HOURLY, r.state, at("13:10:00"))).isTrue();
    r.paused = false;
    assertThat(r.reconcile("13:10:00")).isEqualTo(new Start(Cause.SCHEDULE, 1));
    Completion done = r.succeed("13:12:00");
    assertThat(done.missedInterval()).isTrue();
    assertThat(r.reconcile("13:12:00"))
        .isEqualTo(new Wait(at("14:00:00"), Wait.WAITING_FOR_SCHEDULE));
  }
}
