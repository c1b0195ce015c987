package dev.cairn.cli.repo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go-style durations as restic's flags take them: {@code 90s}, {@code 2m}, {@code 1h30m}. */
public final class DurationParser {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private DurationParser() {}

  public static Duration parse(String s) {
    Matcher m = PART.matcher(s.trim());
    int end = 0;
    double millis = 0;
    while (m.find() && m.start() == end) {
      double v = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "ms" -> v;
        case "s" -> v * 1000;
        case "m" -> v * 60_000;
        default -> v * 3_600_000;
      };
      end = m.end();
    }
    if (end == 0 || end != s.trim().length()) {
      throw new IllegalArgumentException("invalid duration \"" + s + "\" (use e.g. 30s, 2m, 1h)");
    }
    return Duration.ofMillis((long) millis);
  }
}
