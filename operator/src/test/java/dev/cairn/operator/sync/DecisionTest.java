package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.sync.Decision.Cause;
import dev.cairn.operator.sync.Decision.Start;
import dev.cairn.operator.sync.Decision.Wait;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Decision}: the values the reconciler acts on and Volsync's condition reasons. */
class DecisionTest {

  @Test
  void waitReasonsAreVolsyncsAndCairnsConditionReasons() {
    assertThat(Wait.WAITING_FOR_SCHEDULE).isEqualTo("WaitingForSchedule");
    assertThat(Wait.WAITING_FOR_MANUAL).isEqualTo("WaitingForManual");
    assertThat(Wait.WAITING_TO_RETRY).isEqualTo("WaitingToRetry");
    assertThat(Wait.PAUSED).isEqualTo("Paused");
  }

  @Test
  void aStartNeedsACause() {
    assertThatThrownBy(() -> new Start(null, 1)).isInstanceOf(NullPointerException.class)
        .hasMessage("cause");
  }

  @Test
  void aWaitNeedsAReasonButNotATime() {
    assertThatThrownBy(() -> new Wait(Instant.EPOCH, null))
        .isInstanceOf(NullPointerException.class).hasMessage("reason");
    assertThat(new Wait(null, Wait.PAUSED).until()).isNull();
  }

  @Test
  void decisionsAreValuesThatCompareByTheirFields() {
    assertThat(new Start(Cause.RETRY, 2)).isEqualTo(new Start(Cause.RETRY, 2))
        .isNotEqualTo(new Start(Cause.RETRY, 3)).isNotEqualTo(new Start(Cause.MANUAL, 2));
    assertThat(new Decision.Continue()).isEqualTo(new Decision.Continue());
  }

  @Test
  void causesCoverEveryWayARunStarts() {
    assertThat(Cause.values()).containsExactly(
        Cause.FIRST, Cause.SCHEDULE, Cause.MANUAL, Cause.CONTINUOUS, Cause.RETRY);
  }
}
