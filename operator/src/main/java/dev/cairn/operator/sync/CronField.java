package dev.cairn.operator.sync;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The five fields of a cron expression, each read into a bit set of the values it selects, with
 * robfig/cron v3's grammar and bounds (its {@code parser.go} and {@code spec.go}), which Volsync
 * uses: a comma-separated list of {@code *}, {@code ?}, {@code N}, {@code N-M}, each optionally
 * followed by {@code /step}; {@code N/step} means {@code N-max/step}; month and day-of-week
 * accept three-letter English names in any case; day-of-week is 0 (Sunday) to 6, so {@code 7} is
 * refused as robfig refuses it.
 *
 * <p>The {@link #STAR} bit records that the field was {@code *} or {@code ?} without a step
 * above 1: robfig then matches a day when day-of-month AND day-of-week match, and otherwise when
 * either does.
 */
enum CronField {
  MINUTE("minute", 0, 59, Map.of()),
  HOUR("hour", 0, 23, Map.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, Map.of()),
  MONTH("month", 1, 12, Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
      Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
      Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12))),
  DAY_OF_WEEK("day-of-week", 0, 6, Map.of(
      "sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

  /** Set in a field's bits when it was {@code *} or {@code ?} (with no step above 1). */
  static final long STAR = 1L << 63;

  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]+");

  private final String label;
  private final int min;
  private final int max;
  private final Map<String, Integer> names;

  CronField(String label, int min, int max, Map<String, Integer> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** The field's name in messages, e.g. {@code day-of-week}. */
  String label() {
    return label;
  }

  /**
   * The values {@code text} selects, as bits {@code 1 << value}, plus {@link #STAR}.
   *
   * @param text the field's text, e.g. {@code 1-5} or {@code *}{@code /15}
   * @param expression the whole expression, for the message
   * @throws InvalidTriggerException naming the field and the part that is wrong
   */
  long parse(String text, String expression) {
    long bits = 0;
    boolean any = false;
    for (String part : text.split(",")) {
      if (!part.isEmpty()) { // robfig drops empty list items: "1,,2" is "1,2"
        bits |= parseRange(part, expression);
        any = true;
      }
    }
    if (!any) {
      throw invalid(expression, "\"" + text + "\" selects nothing");
    }
    return bits;
  }

  private long parseRange(String part, String expression) {
    String[] rangeAndStep = part.split("/", -1);
    if (rangeAndStep.length > 2) {
      throw invalid(expression, "too many slashes in \"" + part + "\"");
    }
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    if (lowAndHigh.length > 2) {
      throw invalid(expression, "too many hyphens in \"" + part + "\"");
    }
    boolean star = lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?");
    if (star && lowAndHigh.length > 1) {
      // robfig ignores "-5" in "*-5"; such a range is a typo, so it is refused here
      throw invalid(expression, "\"" + part + "\": " + lowAndHigh[0] + " cannot start a range");
    }
    int start = star ? min : value(lowAndHigh[0], expression);
    int end = star ? max : lowAndHigh.length == 2 ? value(lowAndHigh[1], expression) : start;
    int step = 1;
    if (rangeAndStep.length == 2) {
      step = number(rangeAndStep[1], "step", expression);
      if (step == 0) {
        throw invalid(expression, "the step in \"" + part + "\" must be positive");
      }
      if (lowAndHigh.length == 1) {
        end = max; // "N/step" runs from N to the field's maximum
      }
    }
    if (start > end) {
      throw invalid(expression, "the range \"" + part + "\" ends before it starts");
    }
    long bits = 0;
    for (long v = start; v <= end; v += step) { // long: a huge step must not wrap around
      bits |= 1L << v;
    }
    return star && step == 1 ? bits | STAR : bits;
  }

  private int value(String text, String expression) {
    Integer named = names.get(text.toLowerCase(Locale.ROOT));
    int v = named != null ? named : number(text, "value", expression);
    if (v < min) {
      throw invalid(expression, text + " is below the minimum " + min);
    }
    if (v > max) {
      String hint = this == DAY_OF_WEEK && v == 7 ? " (Sunday is 0)" : "";
      throw invalid(expression, text + " is above the maximum " + max + hint);
    }
    return v;
  }

  private int number(String text, String what, String expression) {
    if (!NUMBER.matcher(text).matches()) {
      String kind = names.isEmpty() || what.equals("step") ? "a number" : "a number or a name";
      throw invalid(expression, "the " + what + " \"" + text + "\" is not " + kind);
    }
    String digits = text.startsWith("+") ? text.substring(1) : text;
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    return trimmed.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(trimmed);
  }

  private InvalidTriggerException invalid(String expression, String reason) {
    return new InvalidTriggerException(
        InvalidTriggerException.SCHEDULE_FIELD, expression, label + ": " + reason);
  }
}
