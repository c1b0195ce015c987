package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link SyncPolicy}: its default, its validation and the backoff it computes. */
class SyncPolicyTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static SyncPolicy policy(Duration first, Duration max) {
    return new SyncPolicy(5, first, max, Duration.ZERO, true);
  }

  @Test
  void theDefaultRetriesThreeTimesWithoutJitterAndSyncsOnCreate() {
    assertThat(SyncPolicy.DEFAULT).isEqualTo(
        new SyncPolicy(3, MINUTE, Duration.ofMinutes(30), Duration.ZERO, true));
  }

  @Test
  void theDefaultBacksOffOneTwoThenFourMinutes() {
    assertThat(SyncPolicy.DEFAULT.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(SyncPolicy.DEFAULT.backoff(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(SyncPolicy.DEFAULT.backoff(3)).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void eachRetryWaitsTwiceAsLongUpToTheMaximum() {
    SyncPolicy p = policy(Duration.ofSeconds(10), Duration.ofMinutes(5));
    assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(p.backoff(4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(p.backoff(5)).isEqualTo(Duration.ofSeconds(160));
    assertThat(p.backoff(6)).isEqualTo(Duration.ofMinutes(5)); // 320s capped
    assertThat(p.backoff(7)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aVeryLateAttemptIsCappedWithoutOverflow() {
    assertThat(SyncPolicy.DEFAULT.backoff(1_000)).isEqualTo(Duration.ofMinutes(30));
    assertThat(SyncPolicy.DEFAULT.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void anAttemptBelowOneWaitsTheFirstBackoff() {
    assertThat(SyncPolicy.DEFAULT.backoff(0)).isEqualTo(MINUTE);
    assertThat(SyncPolicy.DEFAULT.backoff(-3)).isEqualTo(MINUTE);
  }

  @Test
  void aFirstBackoffAboveTheMaximumIsCapped() {
    assertThat(policy(Duration.ofHours(1), Duration.ofMinutes(10)).backoff(1))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void zeroBackoffsRetryAtOnce() {
    assertThat(policy(Duration.ZERO, Duration.ZERO).backoff(1)).isZero();
    assertThat(policy(Duration.ZERO, Duration.ZERO).backoff(4)).isZero();
    assertThat(policy(MINUTE, Duration.ZERO).backoff(1)).isZero();
  }

  @Test
  void negativeCountsAndDurationsAreRefused() {
    assertThatThrownBy(() -> new SyncPolicy(-1, MINUTE, MINUTE, Duration.ZERO, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetries -1 is negative");
    assertThatThrownBy(() -> new SyncPolicy(1, MINUTE.negated(), MINUTE, Duration.ZERO, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative duration: firstBackoff PT-1M, maxBackoff PT1M, jitter PT0S");
    assertThatThrownBy(() -> new SyncPolicy(1, MINUTE, MINUTE.negated(), Duration.ZERO, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncPolicy(1, MINUTE, MINUTE, Duration.ofSeconds(-1), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter PT-1S");
  }

  @Test
  void missingDurationsAreRefusedByName() {
    assertThatThrownBy(() -> new SyncPolicy(1, null, MINUTE, Duration.ZERO, true))
        .isInstanceOf(NullPointerException.class).hasMessage("firstBackoff");
    assertThatThrownBy(() -> new SyncPolicy(1, MINUTE, null, Duration.ZERO, true))
        .isInstanceOf(NullPointerException.class).hasMessage("maxBackoff");
    assertThatThrownBy(() -> new SyncPolicy(1, MINUTE, MINUTE, null, true))
        .isInstanceOf(NullPointerException.class).hasMessage("jitter");
  }

  @Test
  void zeroRetriesAndZeroDurationsAreAllowed() {
    SyncPolicy p = new SyncPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, false);
    assertThat(p.maxRetries()).isZero();
    assertThat(p.syncOnCreate()).isFalse();
  }
}
