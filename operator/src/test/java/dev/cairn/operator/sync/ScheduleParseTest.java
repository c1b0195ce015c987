package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@link Schedule#parse} accepts (Volsync's CRD within robfig's grammar) and refuses. */
class ScheduleParseTest {
  private static final Instant WED_NOON = Instant.parse("2024-03-13T12:00:00Z");

  private static String refusal(String expression) {
    return assertThrows(InvalidTriggerException.class, () -> Schedule.parse(expression))
        .getMessage();
  }

  @Test
  void eachAcceptedDescriptorFiresAsItsFiveFieldEquivalent() {
    assertThat(Schedule.parse("@hourly").next(WED_NOON))
        .isEqualTo(Instant.parse("2024-03-13T13:00:00Z"));
    assertThat(Schedule.parse("@daily").next(WED_NOON))
        .isEqualTo(Instant.parse("2024-03-14T00:00:00Z"));
    assertThat(Schedule.parse("@weekly").next(WED_NOON)) // Sunday
        .isEqualTo(Instant.parse("2024-03-17T00:00:00Z"));
    assertThat(Schedule.parse("@monthly").next(WED_NOON))
        .isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    assertThat(Schedule.parse("@yearly").next(WED_NOON))
        .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(Schedule.parse("@annually").next(WED_NOON))
        .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Test
  void descriptorsVolsyncsCrdRefusesAreRefusedWithAHint() {
    assertThat(refusal("@midnight")).isEqualTo("spec.trigger.schedule \"@midnight\": "
        + "@midnight is not accepted by Volsync's CRD; use @daily");
    assertThat(refusal("@every 1h")).isEqualTo("spec.trigger.schedule \"@every 1h\": "
        + "@every is not accepted by Volsync's CRD; use a 5-field cron expression");
    assertThat(refusal("@fortnightly")).isEqualTo("spec.trigger.schedule \"@fortnightly\": "
        + "unknown descriptor; use @yearly, @annually, @monthly, @weekly, @daily or @hourly");
    assertThat(refusal("@Daily")).endsWith(": unknown descriptor; use @yearly, @annually, "
        + "@monthly, @weekly, @daily or @hourly");
    assertThat(refusal("@daily ")).contains("unknown descriptor");
  }

  @Test
  void anEmptyOrMissingScheduleIsRefused() {
    assertThat(refusal("")).isEqualTo("spec.trigger.schedule \"\": the schedule is empty");
    InvalidTriggerException missing =
        assertThrows(InvalidTriggerException.class, () -> Schedule.parse(null));
    assertThat(missing).hasMessage("spec.trigger.schedule \"\": the schedule is empty");
    assertThat(missing.value()).isNull();
    assertThat(missing.field()).isEqualTo(InvalidTriggerException.SCHEDULE_FIELD);
  }

  @Test
  void exactlyFiveFieldsAreRequired() {
    assertThat(refusal("0 0 * * * *")).isEqualTo("spec.trigger.schedule \"0 0 * * * *\": "
        + "expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6");
    assertThat(refusal("0 * * *")).endsWith(", found 4");
    assertThat(refusal("   ")).isEqualTo("spec.trigger.schedule \"   \": "
        + "expected exactly 5 fields (minute hour day-of-month month day-of-week), found 0");
  }

  @Test
  void fieldsMayBeSeparatedByAnyRunOfWhitespace() {
    Schedule spaced = Schedule.parse(" 30\t 9 *  * *\n");
    assertThat(spaced.next(WED_NOON)).isEqualTo(Instant.parse("2024-03-14T09:30:00Z"));
    assertThat(spaced.expression()).isEqualTo(" 30\t 9 *  * *\n");
  }

  @Test
  void aTimeZonePrefixIsRefusedBecauseSchedulesAreUtc() {
    String reason = "a time zone prefix is not supported: schedules are in UTC";
    assertThat(refusal("TZ=Europe/Paris 0 3 * * *"))
        .isEqualTo("spec.trigger.schedule \"TZ=Europe/Paris 0 3 * * *\": " + reason);
    assertThat(refusal("CRON_TZ=UTC 0 3 * * *")).endsWith(": " + reason);
  }

  @Test
  void theMessageNamesTheFieldThatIsWrong() {
    assertThat(refusal("61 * * * *"))
        .isEqualTo("spec.trigger.schedule \"61 * * * *\": minute: 61 is above the maximum 59");
    assertThat(refusal("0 24 * * *")).endsWith("\": hour: 24 is above the maximum 23");
    assertThat(refusal("0 0 32 * *")).endsWith("\": day-of-month: 32 is above the maximum 31");
    assertThat(refusal("0 0 1 13 *")).endsWith("\": month: 13 is above the maximum 12");
    assertThat(refusal("0 0 * * 7"))
        .endsWith("\": day-of-week: 7 is above the maximum 6 (Sunday is 0)");
    assertThat(refusal("0 0 * foo *"))
        .endsWith("\": month: the value \"foo\" is not a number or a name");
  }

  @Test
  void aScheduleThatCanNeverFireIsRefused() {
    String never = "day-of-month: no selected month has any of the selected days, "
        + "so the schedule never fires";
    assertThat(refusal("0 0 30 2 *")).isEqualTo("spec.trigger.schedule \"0 0 30 2 *\": " + never);
    assertThat(refusal("0 0 31 4,6,9,11 *")).endsWith(": " + never);
    assertThat(refusal("0 0 31 feb ?")).endsWith(": " + never);
  }

  @Test
  void rareButPossibleDaysAreAccepted() {
    assertThat(Schedule.parse("0 0 29 2 *").next(WED_NOON))
        .isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
    assertThat(Schedule.parse("0 0 31 4,5 *").next(WED_NOON))
        .isEqualTo(Instant.parse("2024-05-31T00:00:00Z"));
    // with a weekday restricted too, either may match: every Monday of February
    assertThat(Schedule.parse("0 0 30 2 1").next(WED_NOON))
        .isEqualTo(Instant.parse("2025-02-03T00:00:00Z"));
  }

  @Test
  void schedulesCompareByTheirExpression() {
    Schedule daily = Schedule.parse("@daily");
    assertThat(daily).isEqualTo(Schedule.parse("@daily"))
        .hasSameHashCodeAs(Schedule.parse("@daily"))
        .isNotEqualTo(Schedule.parse("0 0 * * *"))
        .hasToString("@daily");
    assertThat(daily.expression()).isEqualTo("@daily");
    assertThat(Schedule.parse("0 0 * * *").next(WED_NOON)).isEqualTo(daily.next(WED_NOON));
  }

  @Test
  void theExceptionCarriesTheFieldAndTheValue() {
    assertThatThrownBy(() -> Schedule.parse("*/0 * * * *"))
        .isInstanceOfSatisfying(InvalidTriggerException.class, e -> {
          assertThat(e.field()).isEqualTo("spec.trigger.schedule");
          assertThat(e.value()).isEqualTo("*/0 * * * *");
        })
        .hasMessage("spec.trigger.schedule \"*/0 * * * *\": "
            + "minute: the step in \"*/0\" must be positive");
  }
}
