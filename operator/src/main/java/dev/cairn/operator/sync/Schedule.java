package dev.cairn.operator.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A Volsync schedule ({@code spec.trigger.schedule}) in UTC: what robfig/cron v3's {@code
 * ParseStandard} accepts, narrowed to what Volsync's CRD admits.
 *
 * <ul>
 *   <li>Five fields, {@code minute hour day-of-month month day-of-week}, separated by
 *       whitespace; each field as {@link CronField} reads it (lists, ranges, steps, {@code *},
 *       {@code ?}, month and weekday names).
 *   <li>When both day-of-month and day-of-week are restricted (neither is {@code *} or {@code
 *       ?}), a day matches if either does (robfig, like Vixie cron); otherwise both must.
 *       Unlike Vixie cron, {@code *}{@code /2} counts as restricted (robfig).
 *   <li>The descriptors {@code @yearly @annually @monthly @weekly @daily @hourly}. robfig also
 *       accepts {@code @midnight} and {@code @every <duration>}, but Volsync's CRD pattern
 *       refuses them, so they are refused here too, as is a {@code TZ=}/{@code CRON_TZ=} prefix.
 *   <li>An expression that can never fire ({@code 0 0 30 2 *}) is refused; robfig accepts it and
 *       Volsync then runs it continuously.
 * </ul>
 *
 * <p>Instances are immutable and compare by their expression.
 */
public final class Schedule {
  private static final Map<String, String> DESCRIPTORS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@hourly", "0 * * * *");

  /** Feb 29 can be 8 years apart (2096, 2104); any other firing is closer. */
  private static final int YEARS_SEARCHED = 9;

  private final String expression;
  private final long minutes;
  private final long hours;
  private final long days;
  private final long months;
  private final long weekdays;

  private Schedule(String expression, long[] bits) {
    this.expression = expression;
    this.minutes = bits[0];
    this.hours = bits[1];
    this.days = bits[2];
    this.months = bits[3];
    this.weekdays = bits[4];
  }

  /**
   * Reads a schedule.
   *
   * @param expression a 5-field cron expression or one of the six descriptors
   * @return the schedule
   * @throws InvalidTriggerException naming {@code spec.trigger.schedule}, the expression, and
   *     the field that is wrong, e.g. {@code spec.trigger.schedule "61 * * * *": minute: 61 is
   *     above the maximum 59}
   */
  public static Schedule parse(String expression) {
    if (expression == null || expression.isEmpty()) {
      throw invalid(expression, "the schedule is empty");
    }
    if (expression.startsWith("TZ=") || expression.startsWith("CRON_TZ=")) {
      throw invalid(expression, "a time zone prefix is not supported: schedules are in UTC");
    }
    if (expression.startsWith("@")) {
      String fields = DESCRIPTORS.get(expression);
      if (fields == null) {
        throw invalid(expression, descriptorProblem(expression));
      }
      return new Schedule(expression, read(fields, expression));
    }
    return new Schedule(expression, read(expression, expression));
  }

  /**
   * The first firing strictly after {@code after}: firings fall on whole minutes, UTC.
   *
   * @param after any instant
   * @return the next firing, always later than {@code after}
   */
  public Instant next(Instant after) {
    LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int lastYear = t.getYear() + YEARS_SEARCHED;
    while (t.getYear() <= lastYear) {
      if (!has(months, t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else {
        int hour = nextValue(hours, t.getHour());
        if (hour < 0) {
          t = t.toLocalDate().plusDays(1).atStartOfDay();
          continue;
        }
        if (hour > t.getHour()) {
          t = t.withHour(hour).withMinute(0);
        }
        int minute = nextValue(minutes, t.getMinute());
        if (minute < 0) {
          t = t.withMinute(0).plusHours(1);
          continue;
        }
        return t.withMinute(minute).toInstant(ZoneOffset.UTC);
      }
    }
    throw new IllegalStateException("schedule \"" + expression + "\" never fires"); // parse checks
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule other && other.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }

  private static long[] read(String fields, String expression) {
    String trimmed = fields.strip();
    String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    if (parts.length != 5) {
      throw invalid(expression, "expected exactly 5 fields (minute hour day-of-month month "
          + "day-of-week), found " + parts.length);
    }
    CronField[] order = CronField.values();
    long[] bits = new long[5];
    for (int i = 0; i < 5; i++) {
      bits[i] = order[i].parse(parts[i], expression);
    }
    requireSomeDay(bits[2], bits[3], bits[4], expression);
    return bits;
  }

  /** Day-of-month alone decides when day-of-week is {@code *}: it must exist in some month. */
  private static void requireSomeDay(long days, long months, long weekdays, String expression) {
    if ((weekdays & CronField.STAR) == 0 || (days & CronField.STAR) != 0) {
      return; // a weekday matches every week
    }
    for (int month = 1; month <= 12; month++) {
      int length = month == 2 ? 29 : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
      long daysOfMonth = ((1L << (length + 1)) - 1) & ~1L;
      if (has(months, month) && (days & daysOfMonth) != 0) {
        return;
      }
    }
    throw invalid(expression, "day-of-month: no selected month has any of the selected days, "
        + "so the schedule never fires");
  }

  private boolean dayMatches(LocalDate date) {
    boolean day = has(days, date.getDayOfMonth());
    boolean weekday = has(weekdays, date.getDayOfWeek().getValue() % 7); // Sunday is 0
    if ((days & CronField.STAR) != 0 || (weekdays & CronField.STAR) != 0) {
      return day && weekday;
    }
    return day || weekday;
  }

  private static boolean has(long bits, int value) {
    return (bits & (1L << value)) != 0;
  }

  /** The smallest value in {@code bits} at or above {@code from}, or -1. */
  private static int nextValue(long bits, int from) {
    long candidates = bits & ~CronField.STAR & (-1L << from);
    return candidates == 0 ? -1 : Long.numberOfTrailingZeros(candidates);
  }

  private static String descriptorProblem(String expression) {
    if (expression.startsWith("@every")) {
      return "@every is not accepted by Volsync's CRD; use a 5-field cron expression";
    }
    if (expression.equals("@midnight")) {
      return "@midnight is not accepted by Volsync's CRD; use @daily";
    }
    return "unknown descriptor; use @yearly, @annually, @monthly, @weekly, @daily or @hourly";
  }

  private static InvalidTriggerException invalid(String expression, String reason) {
    return new InvalidTriggerException(InvalidTriggerException.SCHEDULE_FIELD, expression, reason);
  }
}
