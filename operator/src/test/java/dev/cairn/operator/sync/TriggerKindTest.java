package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import org.junit.jupiter.api.Test;

/** {@link TriggerKind#of}: Volsync's precedence, manual over schedule over continuous. */
class TriggerKindTest {

  private static TriggerKind of(String schedule, String manual) {
    return TriggerKind.of(new TriggerSpec(schedule, manual));
  }

  @Test
  void aManualTagWinsOverASchedule() {
    assertThat(of("0 * * * *", "tag-1")).isEqualTo(TriggerKind.MANUAL);
    assertThat(of(null, "tag-1")).isEqualTo(TriggerKind.MANUAL);
    assertThat(of("not a cron", "tag-1")).isEqualTo(TriggerKind.MANUAL);
  }

  @Test
  void aScheduleDrivesWhenNoManualTagIsSet() {
    assertThat(of("0 * * * *", null)).isEqualTo(TriggerKind.SCHEDULE);
    assertThat(of("@daily", "")).isEqualTo(TriggerKind.SCHEDULE);
  }

  @Test
  void onlyEmptinessCountsSoABlankScheduleIsStillASchedule() {
    assertThat(of("  ", null)).isEqualTo(TriggerKind.SCHEDULE);
    assertThat(of(null, " ")).isEqualTo(TriggerKind.MANUAL);
  }

  @Test
  void withNeitherTheResourceSyncsContinuously() {
    assertThat(TriggerKind.of(null)).isEqualTo(TriggerKind.CONTINUOUS);
    assertThat(of(null, null)).isEqualTo(TriggerKind.CONTINUOUS);
    assertThat(of("", "")).isEqualTo(TriggerKind.CONTINUOUS);
    assertThat(of("", null)).isEqualTo(TriggerKind.CONTINUOUS);
  }
}
