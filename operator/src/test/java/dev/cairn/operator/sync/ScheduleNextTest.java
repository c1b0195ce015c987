package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link Schedule#next}: the first firing strictly after an instant, in UTC. */
class ScheduleNextTest {

  private static Instant next(String expression, String after) {
    return Schedule.parse(expression).next(Instant.parse(after));
  }

  /** The first {@code count} firings after {@code after}, each found from the previous one. */
  private static List<Instant> firings(String expression, String after, int count) {
    Schedule schedule = Schedule.parse(expression);
    List<Instant> out = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      t = schedule.next(t);
      out.add(t);
    }
    return out;
  }

  private static List<Instant> instants(String... utc) {
    return Arrays.stream(utc).map(Instant::parse).toList();
  }

  @Test
  void theNextFiringIsStrictlyAfterTheGivenInstant() {
    assertThat(next("0 * * * *", "2024-05-01T10:00:00Z")).isEqualTo("2024-05-01T11:00:00Z");
    assertThat(next("0 * * * *", "2024-05-01T09:59:59.999999999Z"))
        .isEqualTo("2024-05-01T10:00:00Z");
    assertThat(next("0 * * * *", "2024-05-01T10:00:00.000000001Z"))
        .isEqualTo("2024-05-01T11:00:00Z");
  }

  @Test
  void firingsFallOnWholeMinutes() {
    assertThat(next("* * * * *", "2024-05-01T10:00:00.5Z")).isEqualTo("2024-05-01T10:01:00Z");
    assertThat(next("* * * * *", "2024-05-01T10:00:59Z")).isEqualTo("2024-05-01T10:01:00Z");
  }

  @Test
  void stepsRollOverTheHour() {
    assertThat(firings("*/20 * * * *", "2024-05-01T10:35:00Z", 3))
        .isEqualTo(instants("2024-05-01T10:40:00Z", "2024-05-01T11:00:00Z",
            "2024-05-01T11:20:00Z"));
  }

  @Test
  void aMinuteLeftInNoSelectedHourMovesToTheNextSelectedHour() {
    assertThat(next("5 9,17 * * *", "2024-05-01T09:06:00Z")).isEqualTo("2024-05-01T17:05:00Z");
    assertThat(next("15,45 9-10 * * *", "2024-05-01T10:45:00Z"))
        .isEqualTo("2024-05-02T09:15:00Z");
    assertThat(next("30 23 * * *", "2024-05-01T23:45:00Z")).isEqualTo("2024-05-02T23:30:00Z");
  }

  @Test
  void theDayRollsOverAtMidnight() {
    assertThat(next("@daily", "2024-05-01T23:59:59Z")).isEqualTo("2024-05-02T00:00:00Z");
    assertThat(next("0 0 * * *", "2024-05-02T00:00:00Z")).isEqualTo("2024-05-03T00:00:00Z");
  }

  @Test
  void monthsOfDifferentLengthsAreSkippedWhenTheDayIsMissing() {
    assertThat(next("0 0 1 * *", "2024-01-31T12:00:00Z")).isEqualTo("2024-02-01T00:00:00Z");
    assertThat(firings("0 6 31 * *", "2023-03-31T06:00:00Z", 3)).isEqualTo(instants(
        "2023-05-31T06:00:00Z", "2023-07-31T06:00:00Z", "2023-08-31T06:00:00Z"));
    assertThat(next("0 0 30 * *", "2023-01-30T00:00:00Z")).isEqualTo("2023-03-30T00:00:00Z");
  }

  @Test
  void theYearRollsOver() {
    assertThat(next("@yearly", "2023-12-31T23:59:00Z")).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(next("59 23 31 12 *", "2024-01-01T00:00:00Z")).isEqualTo("2024-12-31T23:59:00Z");
    assertThat(next("0 0 1 JAN,jul *", "2024-07-01T00:00:00Z")).isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void februaryTheTwentyNinthFiresOnlyInLeapYears() {
    assertThat(next("0 12 29 2 *", "2023-03-01T00:00:00Z")).isEqualTo("2024-02-29T12:00:00Z");
    assertThat(next("0 12 29 2 *", "2024-02-29T12:00:00Z")).isEqualTo("2028-02-29T12:00:00Z");
    // 2100 is not a leap year: the longest gap, eight years
    assertThat(next("0 12 29 2 *", "2096-03-01T00:00:00Z")).isEqualTo("2104-02-29T12:00:00Z");
    assertThat(next("0 0 * 2 *", "2024-02-28T23:59:00Z")).isEqualTo("2024-02-29T00:00:00Z");
    assertThat(next("0 0 * 2 *", "2023-02-28T00:00:00Z")).isEqualTo("2024-02-01T00:00:00Z");
  }

  @Test
  void weekdaysCountFromSundayAsZero() {
    // 2024-09-01 is a Sunday
    assertThat(next("0 0 * * 0", "2024-09-01T00:00:00Z")).isEqualTo("2024-09-08T00:00:00Z");
    assertThat(next("0 0 * * SUN", "2024-09-02T00:00:00Z")).isEqualTo("2024-09-08T00:00:00Z");
    assertThat(next("0 0 * * 6", "2024-09-01T00:00:00Z")).isEqualTo("2024-09-07T00:00:00Z");
    assertThat(next("0 9 * * MON-FRI", "2024-09-06T09:00:00Z")) // Friday -> Monday
        .isEqualTo("2024-09-09T09:00:00Z");
  }

  @Test
  void withBothDayFieldsRestrictedEitherMatches() {
    // the 10th of the month or any Friday
    assertThat(firings("0 0 10 * 5", "2024-09-01T00:00:00Z", 4)).isEqualTo(instants(
        "2024-09-06T00:00:00Z", "2024-09-10T00:00:00Z", "2024-09-13T00:00:00Z",
        "2024-09-20T00:00:00Z"));
  }

  @Test
  void withOneDayFieldStarOnlyTheOtherDecides() {
    assertThat(next("0 0 10 * *", "2024-09-01T00:00:00Z")).isEqualTo("2024-09-10T00:00:00Z");
    assertThat(next("0 0 * * 5", "2024-09-01T00:00:00Z")).isEqualTo("2024-09-06T00:00:00Z");
    assertThat(next("0 0 10 * ?", "2024-09-01T00:00:00Z")).isEqualTo("2024-09-10T00:00:00Z");
  }

  @Test
  void aStarWithAStepCountsAsARestrictionAsInRobfig() {
    // odd days of the month, or Mondays; Vixie cron would take only odd Mondays
    assertThat(firings("0 0 */2 * 1", "2024-09-01T00:00:00Z", 5)).isEqualTo(instants(
        "2024-09-02T00:00:00Z", "2024-09-03T00:00:00Z", "2024-09-05T00:00:00Z",
        "2024-09-07T00:00:00Z", "2024-09-09T00:00:00Z"));
  }

  @Test
  void timesAreUtcWhateverTheInputOffsetOrTheJvmZone() {
    Instant after = OffsetDateTime.parse("2024-03-31T00:30:00+01:00").toInstant();
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      assertThat(Schedule.parse("0 0 * * *").next(after)).isEqualTo("2024-03-31T00:00:00Z");
      // across Europe's and America's daylight-saving changes, UTC firings stay 24h apart
      assertThat(firings("0 2 * * *", "2024-03-09T12:00:00Z", 3)).isEqualTo(instants(
          "2024-03-10T02:00:00Z", "2024-03-11T02:00:00Z", "2024-03-12T02:00:00Z"));
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void agreesWithAMinuteByMinuteScan() {
    check("*/7 9-17 * * MON-FRI", t -> t.getMinute() % 7 == 0 && t.getHour() >= 9
        && t.getHour() <= 17 && t.getDayOfWeek().getValue() <= 5);
    check("30 3 1,15 * *", t -> t.getMinute() == 30 && t.getHour() == 3
        && (t.getDayOfMonth() == 1 || t.getDayOfMonth() == 15));
    check("0 */6 13 * FRI", t -> t.getMinute() == 0 && t.getHour() % 6 == 0
        && (t.getDayOfMonth() == 13 || t.getDayOfWeek() == DayOfWeek.FRIDAY));
    check("45 23 * feb-mar,nov sat", t -> t.getMinute() == 45 && t.getHour() == 23
        && List.of(2, 3, 11).contains(t.getMonthValue())
        && t.getDayOfWeek() == DayOfWeek.SATURDAY);
  }

  /** Compares next() with a scan over 150 pseudo-random instants in 2023-2026 (fixed seed). */
  private static void check(String expression, Predicate<LocalDateTime> fires) {
    Schedule schedule = Schedule.parse(expression);
    Random random = new Random(expression.hashCode());
    Instant start = Instant.parse("2023-01-01T00:00:00Z");
    for (int i = 0; i < 150; i++) {
      Instant after = start.plusSeconds(random.nextInt(4 * 365 * 86_400));
      LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      while (!fires.test(t)) {
        t = t.plusMinutes(1);
      }
      assertThat(schedule.next(after)).as("%s after %s", expression, after)
          .isEqualTo(t.toInstant(ZoneOffset.UTC));
    }
  }
}
