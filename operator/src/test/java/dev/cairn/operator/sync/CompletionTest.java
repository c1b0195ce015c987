package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Completion} as {@link SyncMachine#completed} fills it: each field's contract. */
class CompletionTest {
  private static final Instant CREATED = Instant.parse("2024-05-01T09:30:00Z");
  private static final TriggerSpec HOURLY = new TriggerSpec("0 * * * *", null);

  private final SyncMachine machine = new SyncMachine(SyncPolicy.DEFAULT, "uid-1");

  private static Instant at(String hhmmss) {
    return Instant.parse("2024-05-01T" + hhmmss + "Z");
  }

  /** A run that started at {@code start} after a success at {@code last} (either may be null). */
  private static SyncState running(Instant last, Instant start, String lastManualSync) {
    return new SyncState(CREATED, last, start, null, lastManualSync, 1, null, 0);
  }

  @Test
  void aScheduledRunRecordsItsEndDurationAndNextFiring() {
    SyncState run = running(at("10:02:00"), at("11:00:00"), null);
    assertThat(machine.completed(HOURLY, run, at("11:04:30"))).isEqualTo(new Completion(
        at("11:04:30"), Duration.ofSeconds(270), at("12:00:00"), null, false));
  }

  @Test
  void aManualRunRecordsTheTagCurrentAtItsEnd() {
    SyncState run = running(at("10:02:00"), at("10:05:00"), "tag-a");
    // whichever tag started the run, the tag at its end is recorded, as in Volsync
    assertThat(machine.completed(new TriggerSpec("0 * * * *", "tag-c"), run, at("10:06:00")))
        .isEqualTo(new Completion(at("10:06:00"), Duration.ofMinutes(1), null, "tag-c", false));
  }

  @Test
  void aContinuousRunHasNoNextSyncTimeAndNoTag() {
    SyncState run = running(at("10:02:00"), at("10:02:01"), "tag-old");
    assertThat(machine.completed(null, run, at("10:03:01"))).isEqualTo(new Completion(
        at("10:03:01"), Duration.ofMinutes(1), null, null, false));
  }

  @Test
  void theDurationIsZeroWithoutAStartAndNeverNegative() {
    assertThat(machine.completed(HOURLY, running(null, null, null), at("10:00:00")).duration())
        .isZero();
    assertThat(machine.completed(HOURLY, running(null, at("10:00:05"), null), at("10:00:00"))
        .duration()).isZero();
    assertThat(machine.completed(HOURLY, running(null, at("10:00:00"), null),
        at("10:00:00").plusNanos(1)).duration()).isEqualTo(Duration.ofNanos(1));
  }

  @Test
  void aLongSyncSkipsSlotsInsteadOfQueueingThem() {
    SyncState run = running(at("10:02:00"), at("11:00:00"), null);
    Completion done = machine.completed(HOURLY, run, at("13:30:00"));
    assertThat(done.nextSyncTime()).isEqualTo(at("14:00:00"));
    assertThat(done.duration()).isEqualTo(Duration.ofMinutes(150));
  }

  @Test
  void anIntervalIsMissedWhenTheSyncEndsAfterTheFiringAfterTheNext() {
    SyncState run = running(at("10:02:00"), at("11:00:00"), null); // next 11:00, then 12:00
    assertThat(machine.completed(HOURLY, run, at("11:59:00")).missedInterval()).isFalse();
    assertThat(machine.completed(HOURLY, run, at("12:00:00")).missedInterval()).isFalse();
    assertThat(machine.completed(HOURLY, run, at("12:00:00").plusMillis(1)).missedInterval())
        .isTrue();
  }

  @Test
  void theFirstSyncNeverCountsAsMissed() {
    SyncState first = running(null, at("09:30:00"), null);
    assertThat(machine.completed(HOURLY, first, at("15:00:00")).missedInterval()).isFalse();
  }

  @Test
  void onlyScheduledResourcesMissIntervals() {
    SyncState run = running(Instant.parse("2024-04-01T00:00:00Z"), at("10:00:00"), "tag-a");
    assertThat(machine.completed(new TriggerSpec(null, "tag-b"), run, at("10:01:00"))
        .missedInterval()).isFalse();
    assertThat(machine.completed(null, run, at("10:01:00")).missedInterval()).isFalse();
  }

  @Test
  void missedIntervalsAreCountedOncePerLateCompletion() {
    // a five-minute schedule whose syncs take 4, 12, 3 and 16 minutes back to back
    TriggerSpec everyFive = new TriggerSpec("*/5 * * * *", null);
    SyncState state = new SyncState(CREATED, at("10:00:30"), null, null, null, 0, null, 0);
    int missed = 0;
    Instant start = at("10:05:00");
    for (int minutes : new int[] {4, 12, 3, 16}) {
      state = state.started(start, 1);
      Instant end = start.plus(Duration.ofMinutes(minutes));
      Completion done = machine.completed(everyFive, state, end);
      missed += done.missedInterval() ? 1 : 0;
      state = state.completed(done);
      start = done.nextSyncTime();
    }
    // ends and deadlines: 10:09 before 10:10, 10:22 after 10:15 (missed),
    // 10:28 before 10:30, 10:46 after 10:35 (missed)
    assertThat(missed).isEqualTo(2);
    assertThat(state.lastSyncTime()).isEqualTo(at("10:46:00"));
    assertThat(state.nextSyncTime()).isEqualTo(at("10:50:00"));
  }

  @Test
  void anInvalidScheduleThrows() {
    SyncState run = running(at("10:02:00"), at("11:00:00"), null);
    assertThatThrownBy(() -> machine.completed(new TriggerSpec("* * *", null), run, at("11:01:00")))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessageContaining("found 3");
  }
}
