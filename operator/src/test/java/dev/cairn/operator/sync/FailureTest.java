package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Failure} as {@link SyncMachine#failed} fills it: bounded retries, then giving up. */
class FailureTest {
  private static final Instant CREATED = Instant.parse("2024-05-01T09:30:00Z");
  private static final Instant LAST = Instant.parse("2024-05-01T10:02:00Z");
  private static final TriggerSpec HOURLY = new TriggerSpec("0 * * * *", null);
  private static final TriggerSpec MANUAL_B = new TriggerSpec(null, "tag-b");

  private final SyncMachine machine = new SyncMachine(SyncPolicy.DEFAULT, "uid-1");

  private static Instant at(String hhmmss) {
    return Instant.parse("2024-05-01T" + hhmmss + "Z");
  }

  /** Attempt {@code attempt} running, after {@code failures} failures since the last success. */
  private static SyncState running(int attempt, int failures) {
    return new SyncState(CREATED, LAST, at("11:00:00"), at("11:00:00"), "tag-a", attempt, null,
        failures);
  }

  @Test
  void theFirstFailureIsRetriedAfterTheFirstBackoffKeepingStatus() {
    assertThat(machine.failed(HOURLY, running(1, 0), at("11:03:00"))).isEqualTo(
        new Failure(1, true, 2, at("11:04:00"), at("11:00:00"), "tag-a", false));
  }

  @Test
  void eachRetryWaitsTwiceAsLongAsThePrevious() {
    assertThat(machine.failed(HOURLY, running(2, 1), at("11:05:00")))
        .isEqualTo(new Failure(2, true, 3, at("11:07:00"), at("11:00:00"), "tag-a", false));
    assertThat(machine.failed(HOURLY, running(3, 2), at("11:08:00")))
        .isEqualTo(new Failure(3, true, 4, at("11:12:00"), at("11:00:00"), "tag-a", false));
  }

  @Test
  void anAttemptOfZeroCountsAsTheFirst() {
    assertThat(machine.failed(HOURLY, running(0, 0), at("11:03:00")))
        .isEqualTo(machine.failed(HOURLY, running(1, 0), at("11:03:00")));
  }

  @Test
  void aScheduledResourceGivesUpUntilTheNextFiringOnceItsRetriesAreSpent() {
    assertThat(machine.failed(HOURLY, running(4, 3), at("11:13:00")))
        .isEqualTo(new Failure(4, false, 0, null, at("12:00:00"), "tag-a", true));
  }

  @Test
  void aManualResourceGivesUpUntilTheNextTag() {
    assertThat(machine.failed(MANUAL_B, running(4, 3), at("11:13:00")))
        .isEqualTo(new Failure(4, false, 0, null, null, "tag-b", true));
  }

  @Test
  void aContinuousResourceGivesUpForTheLongestBackoff() {
    assertThat(machine.failed(null, running(4, 3), at("11:13:00")))
        .isEqualTo(new Failure(4, false, 0, null, at("11:43:00"), "tag-a", true));
  }

  @Test
  void noRetriesMeansGivingUpAtTheFirstFailure() {
    SyncMachine once = new SyncMachine(
        new SyncPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ZERO, true),
        "uid-1");
    assertThat(once.failed(HOURLY, running(1, 0), at("11:03:00")))
        .isEqualTo(new Failure(1, false, 0, null, at("12:00:00"), "tag-a", true));
  }

  @Test
  void theBackoffStopsGrowingAtTheMaximum() {
    SyncMachine patient = new SyncMachine(
        new SyncPolicy(10, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ZERO, true),
        "uid-1");
    assertThat(patient.failed(HOURLY, running(3, 2), at("11:00:00")).retryAt())
        .isEqualTo(at("11:04:00"));
    assertThat(patient.failed(HOURLY, running(4, 3), at("11:00:00")).retryAt())
        .isEqualTo(at("11:05:00"));
    assertThat(patient.failed(HOURLY, running(10, 9), at("11:00:00")).retryAt())
        .isEqualTo(at("11:05:00"));
    assertThat(patient.failed(HOURLY, running(11, 10), at("11:00:00")).gaveUp()).isTrue();
  }

  @Test
  void failuresAccumulateAcrossSlotsUntilASuccess() {
    // a new slot starts again at attempt 1, but the count of failures goes on
    assertThat(machine.failed(HOURLY, running(1, 4), at("12:01:00")))
        .isEqualTo(new Failure(5, true, 2, at("12:02:00"), at("11:00:00"), "tag-a", false));
  }

  @Test
  void eitherRetryOrGiveUpNeverBoth() {
    for (TriggerSpec trigger : new TriggerSpec[] {HOURLY, MANUAL_B, null}) {
      for (int attempt = 0; attempt <= 6; attempt++) {
        Failure f = machine.failed(trigger, running(attempt, attempt), at("11:30:00"));
        assertThat(f.retry()).as("attempt %d of %s", attempt, trigger).isNotEqualTo(f.gaveUp());
        assertThat(f.retry()).isEqualTo(attempt <= 3);
        assertThat(f.retryAt() != null).isEqualTo(f.retry());
        assertThat(f.nextAttempt()).isEqualTo(f.retry() ? Math.max(1, attempt) + 1 : 0);
      }
    }
  }

  @Test
  void retriesNeedNoValidScheduleButGivingUpDoes() {
    TriggerSpec invalid = new TriggerSpec("0 0 30 2 *", null);
    assertThat(machine.failed(invalid, running(1, 0), at("11:03:00")).retry()).isTrue();
    assertThatThrownBy(() -> machine.failed(invalid, running(4, 3), at("11:13:00")))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessageContaining("never fires");
  }
}
