package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.sync.Decision.Cause;
import dev.cairn.operator.sync.Decision.Start;
import dev.cairn.operator.sync.Decision.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-resource jitter: a stable offset from the uid that moves every firing later. */
class SyncMachineJitterTest {
  private static final TriggerSpec HOURLY = new TriggerSpec("0 * * * *", null);
  private static final Instant CREATED = Instant.parse("2024-05-01T09:30:00Z");
  /** uid-a's offset with a one-hour jitter (first 8 bytes of SHA-256("uid-a") mod 3600 s). */
  private static final Duration UID_A_OFFSET = Duration.ofMinutes(29).plusSeconds(23);

  private static SyncPolicy jitter(Duration jitter) {
    return new SyncPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(30), jitter, true);
  }

  private static Duration offset(Duration jitter, String uid) {
    return new SyncMachine(jitter(jitter), uid).jitterOffset();
  }

  private static Instant at(String hhmmss) {
    return Instant.parse("2024-05-01T" + hhmmss + "Z");
  }

  private final SyncMachine uidA = new SyncMachine(jitter(Duration.ofHours(1)), "uid-a");

  @Test
  void theOffsetIsAStableFunctionOfTheUid() {
    assertThat(offset(Duration.ofHours(1), "uid-a")).isEqualTo(UID_A_OFFSET);
    assertThat(offset(Duration.ofHours(1), "uid-b")).isEqualTo(Duration.ofSeconds(343));
    assertThat(offset(Duration.ofSeconds(10), "uid-a")).isEqualTo(Duration.ofSeconds(3));
    assertThat(offset(Duration.ofHours(1), "6f1c2a9e-3b7d-4c1e-9a55-0d2f8e4b7c11"))
        .isEqualTo(Duration.ofSeconds(810));
  }

  @Test
  void aMissingUidHashesAsTheEmptyString() {
    assertThat(offset(Duration.ofHours(1), null)).isEqualTo(Duration.ofSeconds(36));
    assertThat(offset(Duration.ofHours(1), "")).isEqualTo(Duration.ofSeconds(36));
  }

  @Test
  void noJitterOrJitterUnderASecondKeepsVolsyncsTimes() {
    assertThat(new SyncMachine(SyncPolicy.DEFAULT, "uid-a").jitterOffset()).isZero();
    assertThat(offset(Duration.ofMillis(999), "uid-a")).isZero();
    assertThat(new SyncMachine(SyncPolicy.DEFAULT, "uid-a").nextSyncTime(HOURLY, at("10:02:00")))
        .isEqualTo(at("11:00:00"));
  }

  @Test
  void offsetsAreWholeSecondsBelowTheJitter() {
    for (int i = 0; i < 500; i++) {
      Duration d = offset(Duration.ofSeconds(90), "uid-" + i);
      assertThat(d).as("uid-%d", i).isBetween(Duration.ZERO, Duration.ofSeconds(89));
      assertThat(d.getNano()).isZero();
    }
    Set<Duration> underTwoSeconds = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      underTwoSeconds.add(offset(Duration.ofMillis(1_500), "uid-" + i));
    }
    // a fraction of a second counts: 1.5s allows offsets of 0s and 1s
    assertThat(underTwoSeconds).containsExactlyInAnyOrder(Duration.ZERO, Duration.ofSeconds(1));
  }

  @Test
  void differentUidsSpreadOverTheWholeJitter() {
    Set<Duration> offsets = new HashSet<>();
    int[] quarters = new int[4];
    for (int i = 0; i < 100; i++) {
      Duration d = offset(Duration.ofHours(1), "uid-" + i);
      offsets.add(d);
      quarters[(int) (d.toSeconds() / 900)]++;
    }
    assertThat(offsets).hasSizeGreaterThanOrEqualTo(95);
    for (int quarter = 0; quarter < 4; quarter++) {
      assertThat(quarters[quarter]).as("offsets in quarter %d of the hour", quarter)
          .isBetween(15, 35);
    }
  }

  @Test
  void theSameUidGetsTheSameOffsetAfterARestart() {
    SyncMachine again = new SyncMachine(jitter(Duration.ofHours(1)), "uid-a");
    assertThat(again.jitterOffset()).isEqualTo(uidA.jitterOffset());
    assertThat(again.nextSyncTime(HOURLY, at("10:02:00")))
        .isEqualTo(uidA.nextSyncTime(HOURLY, at("10:02:00")));
  }

  @Test
  void everyFiringMovesLaterByTheOffset() {
    assertThat(uidA.nextSyncTime(HOURLY, at("10:02:00"))).isEqualTo(at("10:29:23"));
    assertThat(uidA.nextSyncTime(HOURLY, at("10:29:22"))).isEqualTo(at("10:29:23"));
    assertThat(uidA.nextSyncTime(HOURLY, at("10:29:23"))).isEqualTo(at("11:29:23"));
    assertThat(uidA.nextSyncTime(HOURLY, at("09:00:00"))).isEqualTo(at("09:29:23"));
  }

  @Test
  void theMachineWaitsForTheJitteredFiring() {
    SyncState synced = new SyncState(CREATED, at("10:31:00"), null, null, null, 0, null, 0);
    assertThat(uidA.decide(HOURLY, false, synced, at("11:00:00")))
        .isEqualTo(new Wait(at("11:29:23"), Wait.WAITING_FOR_SCHEDULE));
    assertThat(uidA.decide(HOURLY, false, synced, at("11:29:22")))
        .isEqualTo(new Wait(at("11:29:23"), Wait.WAITING_FOR_SCHEDULE));
    assertThat(uidA.decide(HOURLY, false, synced, at("11:29:23")))
        .isEqualTo(new Start(Cause.SCHEDULE, 1));
  }

  @Test
  void theFirstScheduledSyncIsJitteredWhenNotSyncingOnCreate() {
    SyncMachine lazy = new SyncMachine(new SyncPolicy(3, Duration.ofMinutes(1),
        Duration.ofMinutes(30), Duration.ofHours(1), false), "uid-a");
    assertThat(lazy.decide(HOURLY, false, SyncState.created(CREATED), at("09:30:01")))
        .isEqualTo(new Wait(at("10:29:23"), Wait.WAITING_FOR_SCHEDULE));
  }

  @Test
  void aCompletionAndAGiveUpPointAtTheJitteredFiring() {
    SyncState running = new SyncState(CREATED, at("09:31:00"), at("10:29:23"), null, null, 1,
        null, 0);
    assertThat(uidA.completed(HOURLY, running, at("10:40:00")).nextSyncTime())
        .isEqualTo(at("11:29:23"));
    SyncState lastTry = new SyncState(CREATED, at("09:31:00"), at("10:40:00"), null, null, 4,
        null, 3);
    assertThat(uidA.failed(HOURLY, lastTry, at("10:45:00")).nextSyncTime())
        .isEqualTo(at("11:29:23"));
  }

  @Test
  void theMissedDeadlineMovesWithTheOffset() {
    // next(next(10:31)) is 12:29:23 once jittered
    SyncState synced = new SyncState(CREATED, at("10:31:00"), null, null, null, 0, null, 0);
    assertThat(uidA.outOfSync(HOURLY, synced, at("12:29:23"))).isFalse();
    assertThat(uidA.outOfSync(HOURLY, synced, at("12:29:24"))).isTrue();
  }

  @Test
  void jitterLeavesManualAndContinuousResourcesAlone() {
    SyncState synced = new SyncState(CREATED, at("10:31:00"), null, null, "tag-a", 0, null, 0);
    assertThat(uidA.decide(new TriggerSpec(null, "tag-b"), false, synced, at("10:31:01")))
        .isEqualTo(new Start(Cause.MANUAL, 1));
    assertThat(uidA.decide(null, false, synced, at("10:31:01")))
        .isEqualTo(new Start(Cause.CONTINUOUS, 1));
  }
}
