package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.sync.Decision.Cause;
import dev.cairn.operator.sync.Decision.Continue;
import dev.cairn.operator.sync.Decision.Start;
import dev.cairn.operator.sync.Decision.Wait;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link SyncMachine#decide}: every branch, in the order its Javadoc gives. */
class SyncMachineDecideTest {
  private static final Instant CREATED = Instant.parse("2024-05-01T09:30:00Z");
  private static final Instant LAST = Instant.parse("2024-05-01T10:02:00Z");
  private static final TriggerSpec HOURLY = new TriggerSpec("0 * * * *", null);
  private static final TriggerSpec INVALID = new TriggerSpec("61 * * * *", null);
  private static final TriggerSpec MANUAL_A = new TriggerSpec(null, "tag-a");
  private static final TriggerSpec NONE = new TriggerSpec(null, null);

  private final SyncMachine machine = new SyncMachine(SyncPolicy.DEFAULT, "uid-1");
  private final SyncMachine waitForSlot = new SyncMachine(
      new SyncPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ZERO, false),
      "uid-1");

  private static Instant at(String hhmmss) {
    return Instant.parse("2024-05-01T" + hhmmss + "Z");
  }

  /** Idle after a success at 10:02 that recorded {@code lastManualSync}. */
  private static SyncState synced(String lastManualSync) {
    return new SyncState(CREATED, LAST, null, at("11:00:00"), lastManualSync, 0, null, 0);
  }

  private Decision decide(TriggerSpec trigger, SyncState state, String now) {
    return machine.decide(trigger, false, state, at(now));
  }

  @Test
  void aNewResourceSyncsAtOnceWhateverItsTriggerAsVolsyncDoes() {
    SyncState fresh = SyncState.created(CREATED);
    Start first = new Start(Cause.FIRST, 1);
    assertThat(decide(HOURLY, fresh, "09:30:01")).isEqualTo(first);
    assertThat(decide(MANUAL_A, fresh, "09:30:01")).isEqualTo(first);
    assertThat(decide(NONE, fresh, "09:30:01")).isEqualTo(first);
    assertThat(decide(null, fresh, "09:30:01")).isEqualTo(first);
  }

  @Test
  void withoutSyncOnCreateAScheduledResourceWaitsForTheFirstFiringAfterCreation() {
    SyncState fresh = SyncState.created(CREATED);
    assertThat(waitForSlot.decide(HOURLY, false, fresh, at("09:30:01")))
        .isEqualTo(new Wait(at("10:00:00"), Wait.WAITING_FOR_SCHEDULE));
    assertThat(waitForSlot.decide(HOURLY, false, fresh, at("10:00:00")))
        .isEqualTo(new Start(Cause.SCHEDULE, 1));
  }

  @Test
  void withoutSyncOnCreateAManualTagOrNoTriggerStillStartsAtOnce() {
    SyncState fresh = SyncState.created(CREATED);
    assertThat(waitForSlot.decide(MANUAL_A, false, fresh, at("09:30:01")))
        .isEqualTo(new Start(Cause.MANUAL, 1));
    assertThat(waitForSlot.decide(NONE, false, fresh, at("09:30:01")))
        .isEqualTo(new Start(Cause.CONTINUOUS, 1));
  }

  @Test
  void withoutSyncOnCreateOrACreationTimeAScheduledResourceIsDueAtOnce() {
    SyncState unknown = SyncState.created(null);
    assertThat(waitForSlot.decide(HOURLY, false, unknown, at("09:30:01")))
        .isEqualTo(new Start(Cause.SCHEDULE, 1));
  }

  @Test
  void aScheduledResourceWaitsForTheFiringAfterItsLastSuccess() {
    Wait untilEleven = new Wait(at("11:00:00"), Wait.WAITING_FOR_SCHEDULE);
    assertThat(decide(HOURLY, synced(null), "10:02:00")).isEqualTo(untilEleven);
    assertThat(decide(HOURLY, synced(null), "10:30:00")).isEqualTo(untilEleven);
    assertThat(machine.decide(HOURLY, false, synced(null), at("11:00:00").minusNanos(1)))
        .isEqualTo(untilEleven);
  }

  @Test
  void aScheduledResourceStartsOnceItsFiringArrives() {
    assertThat(decide(HOURLY, synced(null), "11:00:00")).isEqualTo(new Start(Cause.SCHEDULE, 1));
    assertThat(decide(HOURLY, synced(null), "11:00:07")).isEqualTo(new Start(Cause.SCHEDULE, 1));
  }

  @Test
  void manyMissedFiringsStartASingleSyncWithoutCatchingUp() {
    assertThat(decide(HOURLY, synced(null), "15:17:00")).isEqualTo(new Start(Cause.SCHEDULE, 1));
    SyncState running = synced(null).started(at("15:17:00"), 1);
    SyncState done = running.completed(machine.completed(HOURLY, running, at("15:20:00")));
    assertThat(decide(HOURLY, done, "15:20:01"))
        .isEqualTo(new Wait(at("16:00:00"), Wait.WAITING_FOR_SCHEDULE));
  }

  @Test
  void aScheduleEditTakesEffectAtOnceRatherThanTheStoredNextSyncTime() {
    TriggerSpec quarterly = new TriggerSpec("*/15 * * * *", null);
    assertThat(decide(quarterly, synced(null), "10:05:00"))
        .isEqualTo(new Wait(at("10:15:00"), Wait.WAITING_FOR_SCHEDULE));
    SyncState staleSlot = new SyncState(CREATED, LAST, null, at("13:00:00"), null, 0, null, 0);
    assertThat(decide(HOURLY, staleSlot, "10:05:00"))
        .isEqualTo(new Wait(at("11:00:00"), Wait.WAITING_FOR_SCHEDULE));
  }

  @Test
  void aManualTagSyncsOnlyWhileItDiffersFromTheLastManualSync() {
    assertThat(decide(MANUAL_A, synced("tag-a"), "18:00:00"))
        .isEqualTo(new Wait(null, Wait.WAITING_FOR_MANUAL));
    assertThat(decide(new TriggerSpec(null, "tag-b"), synced("tag-a"), "10:03:00"))
        .isEqualTo(new Start(Cause.MANUAL, 1));
    assertThat(decide(MANUAL_A, synced(null), "10:03:00")).isEqualTo(new Start(Cause.MANUAL, 1));
  }

  @Test
  void aManualTagOverridesTheSchedule() {
    TriggerSpec both = new TriggerSpec("0 * * * *", "tag-a");
    assertThat(decide(both, synced("tag-a"), "18:00:00"))
        .isEqualTo(new Wait(null, Wait.WAITING_FOR_MANUAL));
    assertThat(decide(new TriggerSpec("0 * * * *", "tag-b"), synced("tag-a"), "10:03:00"))
        .isEqualTo(new Start(Cause.MANUAL, 1));
  }

  @Test
  void aManualTagOverridesEvenAnInvalidSchedule() {
    assertThat(decide(new TriggerSpec("61 * * * *", "tag-a"), synced("tag-a"), "10:03:00"))
        .isEqualTo(new Wait(null, Wait.WAITING_FOR_MANUAL));
  }

  @Test
  void clearingTheManualTagHandsBackToTheSchedule() {
    assertThat(decide(new TriggerSpec("0 * * * *", ""), synced("tag-a"), "10:30:00"))
        .isEqualTo(new Wait(at("11:00:00"), Wait.WAITING_FOR_SCHEDULE));
  }

  @Test
  void withNoTriggerASyncStartsAgainAsSoonAsThePreviousEnded() {
    Start again = new Start(Cause.CONTINUOUS, 1);
    assertThat(decide(NONE, synced(null), "10:02:00")).isEqualTo(again);
    assertThat(decide(null, synced(null), "10:02:00")).isEqualTo(again);
    assertThat(decide(new TriggerSpec("", ""), synced(null), "10:02:00")).isEqualTo(again);
  }

  @Test
  void aPausedResourceStartsNothingWhateverIsDue() {
    Wait paused = new Wait(null, Wait.PAUSED);
    Instant late = at("18:00:00");
    assertThat(machine.decide(HOURLY, true, synced(null), late)).isEqualTo(paused);
    assertThat(machine.decide(MANUAL_A, true, synced("tag-z"), late)).isEqualTo(paused);
    assertThat(machine.decide(NONE, true, synced(null), late)).isEqualTo(paused);
    assertThat(machine.decide(HOURLY, true, SyncState.created(CREATED), late)).isEqualTo(paused);
    SyncState retryDue = new SyncState(CREATED, LAST, null, null, null, 2, at("11:01:00"), 1);
    assertThat(machine.decide(HOURLY, true, retryDue, late)).isEqualTo(paused);
  }

  @Test
  void aRunInProgressContinuesEvenWhenPausedOrTheScheduleBecameInvalid() {
    SyncState running = synced(null).started(at("11:00:00"), 1);
    assertThat(decide(HOURLY, running, "11:05:00")).isEqualTo(new Continue());
    assertThat(machine.decide(HOURLY, true, running, at("11:05:00"))).isEqualTo(new Continue());
    assertThat(decide(INVALID, running, "11:05:00")).isEqualTo(new Continue());
  }

  @Test
  void anInvalidScheduleThrowsWhenNoRunIsGoingEvenIfPaused() {
    assertThatThrownBy(() -> decide(INVALID, synced(null), "10:30:00"))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessage("spec.trigger.schedule \"61 * * * *\": minute: 61 is above the maximum 59");
    assertThatThrownBy(() -> machine.decide(INVALID, true, synced(null), at("10:30:00")))
        .isInstanceOf(InvalidTriggerException.class);
    assertThatThrownBy(() -> decide(INVALID, SyncState.created(CREATED), "09:30:01"))
        .isInstanceOf(InvalidTriggerException.class);
  }

  @Test
  void aPendingRetryWaitsForItsTimeWhateverTheTrigger() {
    SyncState pending = new SyncState(CREATED, LAST, null, at("11:00:00"), "tag-a", 3,
        at("11:07:00"), 2);
    Wait retry = new Wait(at("11:07:00"), Wait.WAITING_TO_RETRY);
    assertThat(decide(HOURLY, pending, "11:06:00")).isEqualTo(retry);
    assertThat(decide(new TriggerSpec(null, "tag-b"), pending, "11:06:59")).isEqualTo(retry);
    assertThat(decide(NONE, pending, "11:03:00")).isEqualTo(retry);
  }

  @Test
  void aPendingRetryStartsAtItsTimeWithItsAttempt() {
    SyncState pending = new SyncState(CREATED, LAST, null, at("11:00:00"), "tag-a", 3,
        at("11:07:00"), 2);
    assertThat(decide(HOURLY, pending, "11:07:00")).isEqualTo(new Start(Cause.RETRY, 3));
    assertThat(decide(MANUAL_A, pending, "11:30:00")).isEqualTo(new Start(Cause.RETRY, 3));
    SyncState noAttempt = new SyncState(CREATED, null, null, null, null, 0, at("11:07:00"), 1);
    assertThat(decide(NONE, noAttempt, "11:07:00")).isEqualTo(new Start(Cause.RETRY, 1));
  }

  @Test
  void aRetryOfTheFirstSyncIsARetryNotAnotherFirstSync() {
    SyncState firstFailed = new SyncState(CREATED, null, null, null, null, 2, at("09:32:00"), 1);
    assertThat(decide(HOURLY, firstFailed, "09:31:00"))
        .isEqualTo(new Wait(at("09:32:00"), Wait.WAITING_TO_RETRY));
    assertThat(decide(HOURLY, firstFailed, "09:32:00")).isEqualTo(new Start(Cause.RETRY, 2));
  }
}
