package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link SyncState}: which status fields each step (start, success, failure) writes. */
class SyncStateTest {
  private static final Instant CREATED = Instant.parse("2024-05-01T09:30:00Z");
  private static final Instant LAST = Instant.parse("2024-05-01T10:02:00Z");
  private static final Instant NEXT = Instant.parse("2024-05-01T11:00:00Z");
  private static final Instant NOW = Instant.parse("2024-05-01T11:00:05Z");

  /** Idle after a success at LAST with one earlier failure recorded. */
  private static final SyncState IDLE =
      new SyncState(CREATED, LAST, null, NEXT, "tag-1", 0, null, 1);

  @Test
  void aNewResourceHasOnlyItsCreationTime() {
    assertThat(SyncState.created(CREATED))
        .isEqualTo(new SyncState(CREATED, null, null, null, null, 0, null, 0));
    assertThat(SyncState.created(CREATED).running()).isFalse();
  }

  @Test
  void aRunIsInProgressExactlyWhileItsStartTimeIsSet() {
    assertThat(IDLE.running()).isFalse();
    assertThat(IDLE.started(NOW, 1).running()).isTrue();
  }

  @Test
  void startingRecordsTheStartAndAttemptAndConsumesThePendingRetry() {
    SyncState waiting = new SyncState(CREATED, LAST, null, NEXT, "tag-1", 2, NOW, 1);
    assertThat(waiting.started(NOW.plusSeconds(1), 2)).isEqualTo(
        new SyncState(CREATED, LAST, NOW.plusSeconds(1), NEXT, "tag-1", 2, null, 1));
  }

  @Test
  void aSuccessWritesVolsyncsFieldsAndResetsTheRunAndFailures() {
    SyncState running = new SyncState(CREATED, LAST, NOW, NEXT, "tag-1", 3, null, 2);
    Instant done = NOW.plusSeconds(60);
    Completion completion = new Completion(done, Duration.ofSeconds(60),
        Instant.parse("2024-05-01T12:00:00Z"), "tag-2", false);
    assertThat(running.completed(completion)).isEqualTo(new SyncState(CREATED, done, null,
        Instant.parse("2024-05-01T12:00:00Z"), "tag-2", 0, null, 0));
  }

  @Test
  void aFailureToRetryKeepsTheLastSuccessAndRecordsTheRetry() {
    SyncState running = new SyncState(CREATED, LAST, NOW, NEXT, "tag-1", 1, null, 0);
    Instant retryAt = NOW.plusSeconds(60);
    Failure failure = new Failure(1, true, 2, retryAt, NEXT, "tag-1", false);
    assertThat(running.failed(failure))
        .isEqualTo(new SyncState(CREATED, LAST, null, NEXT, "tag-1", 2, retryAt, 1));
  }

  @Test
  void aFailureThatGivesUpIdlesUntilTheSlotItWasMovedTo() {
    SyncState running = new SyncState(CREATED, LAST, NOW, NEXT, null, 4, null, 3);
    Instant slot = Instant.parse("2024-05-01T12:00:00Z");
    Failure failure = new Failure(4, false, 0, null, slot, "tag-9", true);
    assertThat(running.failed(failure))
        .isEqualTo(new SyncState(CREATED, LAST, null, slot, "tag-9", 0, null, 4));
  }

  @Test
  void theAttemptIsZeroAfterGivingUpEvenIfTheFailureNamesOne() {
    Failure odd = new Failure(1, false, 5, null, null, null, true);
    assertThat(IDLE.started(NOW, 1).failed(odd).attempt()).isZero();
  }

  @Test
  void theCreationTimeSurvivesEveryStep() {
    SyncState s = SyncState.created(CREATED).started(NOW, 1)
        .failed(new Failure(1, true, 2, NOW, null, null, false))
        .started(NOW, 2)
        .completed(new Completion(NOW, Duration.ZERO, null, null, false));
    assertThat(s.created()).isEqualTo(CREATED);
    assertThat(s.lastSyncTime()).isEqualTo(NOW);
    assertThat(s.consecutiveFailures()).isZero();
  }
}
