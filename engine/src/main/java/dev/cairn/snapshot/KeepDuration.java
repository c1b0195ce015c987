package dev.cairn.snapshot;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * restic's forget duration {@code NyNmNdNh} (restic-format.md §10.1): years, months and days are
 * calendar arithmetic with Go's {@code AddDate} normalisation (Mar 31 − 1m is Mar 3 or 2, not
 * Feb 28), hours are exact.
 */
public record KeepDuration(int years, int months, int days, int hours) {
  /** No duration: the option is off. */
  public static final KeepDuration ZERO = new KeepDuration(0, 0, 0, 0);

  /** True when every part is zero. */
  public boolean isZero() {
    return years == 0 && months == 0 && days == 0 && hours == 0;
  }

  /**
   * Parses e.g. {@code 1y2m3d4h}, {@code 7d}, {@code 36h}: numbers each followed by one of
   * {@code y m d h}; a later part of the same unit replaces an earlier one, as in restic.
   *
   * @throws IllegalArgumentException when malformed
   */
  public static KeepDuration parse(String s) {
    int y = 0, m = 0, d = 0, h = 0;
    int i = 0;
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"\": empty");
    }
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start || i == s.length()) {
        throw new IllegalArgumentException("invalid duration \"" + s
            + "\" (use e.g. 1y2m3d4h)");
      }
      int n;
      try {
        n = Integer.parseInt(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid duration \"" + s + "\": number too large");
      }
      switch (s.charAt(i)) {
        case 'y' -> y = n;
        case 'm' -> m = n;
        case 'd' -> d = n;
        case 'h' -> h = n;
        default -> throw new IllegalArgumentException("invalid duration \"" + s
            + "\": unknown unit '" + s.charAt(i) + "' (use y, m, d, h)");
      }
      i++;
    }
    return new KeepDuration(y, m, d, h);
  }

  /**
   * {@code t} minus this duration, in {@code t}'s offset: Go's
   * {@code t.AddDate(-y, -m, -d).Add(-h hours)}.
   */
  public LocalDateTime subtractFrom(LocalDateTime t) {
    long totalMonths = (long) t.getYear() * 12 + (t.getMonthValue() - 1) - (long) years * 12 - months;
    int year = (int) Math.floorDiv(totalMonths, 12);
    int month = (int) Math.floorMod(totalMonths, 12) + 1;
    LocalDate date = LocalDate.of(year, month, 1).plusDays((long) t.getDayOfMonth() - 1 - days);
    return LocalDateTime.of(date, t.toLocalTime()).minusHours(hours);
  }

  /** The instant {@code this} before {@code t} (epoch seconds and nanos), in offset {@code off}. */
  java.time.Instant subtractFrom(java.time.Instant t, ZoneOffset off) {
    return subtractFrom(LocalDateTime.ofInstant(t, off)).toInstant(off);
  }

  /** restic's rendering: non-zero parts only, e.g. {@code 1y3d}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (years != 0) {
      sb.append(years).append('y');
    }
    if (months != 0) {
      sb.append(months).append('m');
    }
    if (days != 0) {
      sb.append(days).append('d');
    }
    if (hours != 0) {
      sb.append(hours).append('h');
    }
    return sb.toString();
  }
}
