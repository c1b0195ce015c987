package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the machine derives for status and the gauge: nextSyncTime and outOfSync. */
class SyncMachineStatusTest {
  private static final Instant CREATED = Instant.parse("2024-05-01T09:30:00Z");
  private static final TriggerSpec HOURLY = new TriggerSpec("0 * * * *", null);
  private static final TriggerSpec INVALID = new TriggerSpec("0 0 * * 7", null);
  private static final TriggerSpec MANUAL_A = new TriggerSpec(null, "tag-a");

  private final SyncMachine machine = new SyncMachine(SyncPolicy.DEFAULT, "uid-1");

  private static Instant at(String hhmmss) {
    return Instant.parse("2024-05-01T" + hhmmss + "Z");
  }

  private static SyncState syncedAt(Instant last) {
    return new SyncState(CREATED, last, null, null, null, 0, null, 0);
  }

  @Test
  void theNextSyncTimeIsTheFiringStrictlyAfterTheGivenTime() {
    assertThat(machine.nextSyncTime(HOURLY, at("10:02:00"))).isEqualTo(at("11:00:00"));
    assertThat(machine.nextSyncTime(HOURLY, at("11:00:00"))).isEqualTo(at("12:00:00"));
    assertThat(machine.nextSyncTime(new TriggerSpec("@daily", null), at("23:59:00")))
        .isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
  }

  @Test
  void thereIsNoNextSyncTimeWithoutASchedule() {
    assertThat(machine.nextSyncTime(MANUAL_A, at("10:02:00"))).isNull();
    assertThat(machine.nextSyncTime(new TriggerSpec("0 * * * *", "tag-a"), at("10:02:00")))
        .isNull();
    assertThat(machine.nextSyncTime(new TriggerSpec(null, null), at("10:02:00"))).isNull();
    assertThat(machine.nextSyncTime(null, at("10:02:00"))).isNull();
  }

  @Test
  void thereIsNoNextSyncTimeAfterNothing() {
    assertThat(machine.nextSyncTime(HOURLY, null)).isNull();
  }

  @Test
  void anInvalidScheduleHasNoNextSyncTime() {
    assertThatThrownBy(() -> machine.nextSyncTime(INVALID, at("10:02:00")))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessage("spec.trigger.schedule \"0 0 * * 7\": "
            + "day-of-week: 7 is above the maximum 6 (Sunday is 0)");
  }

  @Test
  void aResourceThatNeverSyncedIsOutOfSyncWhateverItsTrigger() {
    SyncState fresh = SyncState.created(CREATED);
    assertThat(machine.outOfSync(HOURLY, fresh, at("09:30:00"))).isTrue();
    assertThat(machine.outOfSync(MANUAL_A, fresh, at("09:30:00"))).isTrue();
    assertThat(machine.outOfSync(null, fresh, at("09:30:00"))).isTrue();
    // the schedule is not read when there is no sync to compare with
    assertThat(machine.outOfSync(INVALID, fresh, at("09:30:00"))).isTrue();
  }

  @Test
  void aScheduledResourceIsOutOfSyncOnceTheFiringAfterTheNextHasPassed() {
    SyncState synced = syncedAt(at("10:02:00")); // next 11:00, deadline 12:00
    assertThat(machine.outOfSync(HOURLY, synced, at("11:30:00"))).isFalse();
    assertThat(machine.outOfSync(HOURLY, synced, at("12:00:00"))).isFalse();
    assertThat(machine.outOfSync(HOURLY, synced, at("12:00:00").plusMillis(1))).isTrue();
    assertThat(machine.outOfSync(HOURLY, synced, at("18:00:00"))).isTrue();
  }

  @Test
  void aSyncThatCompletesClearsOutOfSync() {
    SyncState late = syncedAt(at("10:02:00")).started(at("12:10:00"), 1);
    assertThat(machine.outOfSync(HOURLY, late, at("12:20:00"))).isTrue();
    SyncState done = late.completed(machine.completed(HOURLY, late, at("12:20:00")));
    assertThat(machine.outOfSync(HOURLY, done, at("12:20:00"))).isFalse();
  }

  @Test
  void manualAndContinuousResourcesThatSyncedAreNeverOutOfSync() {
    SyncState longAgo = syncedAt(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(machine.outOfSync(MANUAL_A, longAgo, at("10:00:00"))).isFalse();
    assertThat(machine.outOfSync(null, longAgo, at("10:00:00"))).isFalse();
    assertThat(machine.outOfSync(new TriggerSpec("61 * * * *", "tag"), longAgo, at("10:00:00")))
        .isFalse();
  }

  @Test
  void anInvalidScheduleThrowsOnceTheResourceSynced() {
    assertThatThrownBy(() -> machine.outOfSync(INVALID, syncedAt(at("10:02:00")), at("10:03:00")))
        .isInstanceOf(InvalidTriggerException.class);
  }

  @Test
  void aWeeklyScheduleAllowsTwoWeeksBeforeItIsOutOfSync() {
    TriggerSpec weekly = new TriggerSpec("@weekly", null);
    SyncState synced = syncedAt(Instant.parse("2024-05-01T10:00:00Z")); // Wednesday
    // next: Sunday 5 May, then Sunday 12 May
    assertThat(machine.outOfSync(weekly, synced, Instant.parse("2024-05-12T00:00:00Z")))
        .isFalse();
    assertThat(machine.outOfSync(weekly, synced, Instant.parse("2024-05-12T00:00:01Z")))
        .isTrue();
  }
}
