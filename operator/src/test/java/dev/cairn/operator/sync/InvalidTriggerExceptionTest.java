package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link InvalidTriggerException}: the message names the field, quotes the value, says why. */
class InvalidTriggerExceptionTest {

  @Test
  void theMessageIsFieldQuotedValueAndReason() {
    InvalidTriggerException e = new InvalidTriggerException(
        InvalidTriggerException.SCHEDULE_FIELD, "61 * * * *", "minute: 61 is above the maximum 59");
    assertThat(e).hasMessage(
        "spec.trigger.schedule \"61 * * * *\": minute: 61 is above the maximum 59");
    assertThat(e.field()).isEqualTo("spec.trigger.schedule");
    assertThat(e.value()).isEqualTo("61 * * * *");
  }

  @Test
  void aNullValueIsShownAsEmptyButKeptAsNull() {
    InvalidTriggerException e = new InvalidTriggerException("spec.trigger.manual", null, "why");
    assertThat(e).hasMessage("spec.trigger.manual \"\": why");
    assertThat(e.value()).isNull();
  }

  @Test
  void itIsUncheckedSoEveryMachineMethodMayThrowIt() {
    assertThat(new InvalidTriggerException("f", "v", "r")).isInstanceOf(RuntimeException.class)
        .hasNoCause();
  }
}
