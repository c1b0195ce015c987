package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Volsync's restic maintenance decisions: {@link SyncMachine#shouldPrune} and shouldUnlock. */
class SyncMachineMaintenanceTest {
  private static final Instant CREATED = Instant.parse("2024-05-01T09:30:00Z");
  private static final Instant PRUNED = Instant.parse("2024-05-10T12:00:00Z");

  @Test
  void theFirstPruneComesSevenDaysAfterCreationByDefault() {
    Instant due = CREATED.plus(Duration.ofDays(7));
    assertThat(SyncMachine.shouldPrune(null, CREATED, null, CREATED)).isFalse();
    assertThat(SyncMachine.shouldPrune(null, CREATED, null, due.minusSeconds(1))).isFalse();
    assertThat(SyncMachine.shouldPrune(null, CREATED, null, due)).isFalse();
    assertThat(SyncMachine.shouldPrune(null, CREATED, null, due.plusNanos(1))).isTrue();
  }

  @Test
  void oncePrunedTheLastPruneIsTheBaselineNotTheCreation() {
    Instant now = PRUNED.plus(Duration.ofDays(3));
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, null, now)).isFalse();
    assertThat(SyncMachine.shouldPrune(null, CREATED, null, now)).isTrue();
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, null, PRUNED.plus(Duration.ofDays(7))))
        .isFalse();
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, null,
        PRUNED.plus(Duration.ofDays(7)).plusSeconds(1))).isTrue();
  }

  @Test
  void theIntervalIsPruneIntervalDaysWhenSet() {
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, 1, PRUNED.plus(Duration.ofHours(24))))
        .isFalse();
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, 1,
        PRUNED.plus(Duration.ofHours(24)).plusSeconds(1))).isTrue();
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, 30, PRUNED.plus(Duration.ofDays(29))))
        .isFalse();
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, 30, PRUNED.plus(Duration.ofDays(31))))
        .isTrue();
  }

  @Test
  void aZeroIntervalPrunesOnEveryLaterRun() {
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, 0, PRUNED)).isFalse();
    assertThat(SyncMachine.shouldPrune(PRUNED, CREATED, 0, PRUNED.plusMillis(1))).isTrue();
  }

  @Test
  void withNoBaselineAtAllItPrunes() {
    assertThat(SyncMachine.shouldPrune(null, null, null, CREATED)).isTrue();
    assertThat(SyncMachine.shouldPrune(null, null, 7, CREATED)).isTrue();
  }

  @Test
  void unlockRunsWhileTheTagDiffersFromTheLastUnlocked() {
    assertThat(SyncMachine.shouldUnlock("u-1", null)).isTrue();
    assertThat(SyncMachine.shouldUnlock("u-2", "u-1")).isTrue();
    assertThat(SyncMachine.shouldUnlock("u-1", "u-1")).isFalse();
  }

  @Test
  void anEmptyOrMissingUnlockTagNeverUnlocks() {
    assertThat(SyncMachine.shouldUnlock(null, null)).isFalse();
    assertThat(SyncMachine.shouldUnlock("", null)).isFalse();
    assertThat(SyncMachine.shouldUnlock("", "u-1")).isFalse();
    assertThat(SyncMachine.shouldUnlock(null, "u-1")).isFalse();
  }
}
