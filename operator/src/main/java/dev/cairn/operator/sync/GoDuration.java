package dev.cairn.operator.sync;

import java.time.Duration;
import java.util.Map;

/**
 * Durations as Go writes and reads them ({@code time.Duration}'s {@code String} and {@code
 * time.ParseDuration}), the form of Volsync's {@code status.lastSyncDuration}: {@code 0s},
 * {@code 1ns}, {@code 1.1µs}, {@code 500ms}, {@code 1.5s}, {@code 1m2.5s}, {@code 2h0m0s}.
 */
public final class GoDuration {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, // U+00B5 micro sign, U+03BC mu
      "ms", 1_000_000L, "s", NANOS_PER_SECOND, "m", 60 * NANOS_PER_SECOND,
      "h", 3600 * NANOS_PER_SECOND);
  /** 2^63 as an unsigned count of nanoseconds, the magnitude of Go's most negative duration. */
  private static final long TWO_TO_63 = Long.MIN_VALUE;

  private GoDuration() {}

  /**
   * Writes {@code d} as Go's {@code Duration.String()} does: under a second in the largest of
   * ns, µs (U+00B5) and ms that fits, with a fraction; from a second on as hours, minutes and
   * seconds, each unit down to seconds once a larger one is written ({@code 1h0m0s}), and the
   * fraction of a second without trailing zeros. Durations beyond Go's range (about 292 years)
   * are written by the same rule.
   */
  public static String format(Duration d) {
    boolean negative = d.isNegative();
    long whole = d.getSeconds() + (negative && d.getNano() > 0 ? 1 : 0);
    long seconds = negative ? -whole : whole; // unsigned: Duration's minimum gives 2^63
    long nanos = negative && d.getNano() > 0 ? NANOS_PER_SECOND - d.getNano() : d.getNano();
    StringBuilder out = new StringBuilder(negative ? "-" : "");
    if (seconds == 0) {
      if (nanos == 0) {
        return "0s";
      } else if (nanos < 1_000) {
        out.append(nanos).append("ns");
      } else if (nanos < 1_000_000) {
        out.append(withFraction(nanos, 3)).append("µs");
      } else {
        out.append(withFraction(nanos, 6)).append("ms");
      }
      return out.toString();
    }
    long hours = Long.divideUnsigned(seconds, 3600);
    long minutes = Long.divideUnsigned(seconds, 60) % 60;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    long wholeSeconds = Long.remainderUnsigned(seconds, 60);
    return out.append(withFraction(wholeSeconds * NANOS_PER_SECOND + nanos, 9)).append('s')
        .toString();
  }

  /**
   * Reads Go's duration syntax, {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+} with the units ns, us,
   * µs, μs, ms, s, m, h, or a bare {@code 0}, with Go's range (a signed 64-bit count of
   * nanoseconds) and Go's rounding of fractions.
   *
   * @throws IllegalArgumentException with Go's message, e.g. {@code time: missing unit in
   *     duration "3"}
   */
  public static Duration parse(String s) {
    String rest = s;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      throw invalid(s);
    }
    long total = 0; // unsigned, at most 2^63
    while (!rest.isEmpty()) {
      Component c = Component.read(rest, s);
      long before = total;
      total += c.nanos();
      if (Long.compareUnsigned(total, before) < 0 || Long.compareUnsigned(total, TWO_TO_63) > 0) {
        throw invalid(s); // Go's uint64 sum can wrap to 0 at 2^64; this one cannot
      }
      rest = rest.substring(c.length());
    }
    if (!negative && total == TWO_TO_63) {
      throw invalid(s);
    }
    return Duration.ofNanos(negative ? -total : total); // -(2^63) wraps to itself: Go's minimum
  }

  /** {@code value / 10^digits} with its fraction, trailing zeros and a bare point dropped. */
  private static String withFraction(long value, int digits) {
    long scale = 1;
    for (int i = 0; i < digits; i++) {
      scale *= 10;
    }
    String fraction = String.format("%0" + digits + "d", value % scale).replaceFirst("0+$", "");
    return (value / scale) + (fraction.isEmpty() ? "" : "." + fraction);
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("time: invalid duration \"" + s + "\"");
  }

  /** One {@code 1.5h} of a duration string, as a count of nanoseconds. */
  private record Component(long nanos, int length) {
    static Component read(String rest, String whole) {
      int i = 0;
      long integer = 0;
      while (i < rest.length() && isDigit(rest.charAt(i))) {
        if (Long.compareUnsigned(integer, Long.divideUnsigned(TWO_TO_63, 10)) > 0) {
          throw invalid(whole);
        }
        integer = integer * 10 + (rest.charAt(i++) - '0');
        if (Long.compareUnsigned(integer, TWO_TO_63) > 0) {
          throw invalid(whole);
        }
      }
      boolean digitsBefore = i > 0;
      long fraction = 0;
      double scale = 1;
      boolean digitsAfter = false;
      if (i < rest.length() && rest.charAt(i) == '.') {
        i++;
        boolean overflow = false;
        for (; i < rest.length() && isDigit(rest.charAt(i)); i++) {
          digitsAfter = true;
          long next = fraction * 10 + (rest.charAt(i) - '0'); // unsigned, below 2^64
          if (overflow || Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0
              || Long.compareUnsigned(next, TWO_TO_63) > 0) {
            overflow = true; // Go stops adding precision here
            continue;
          }
          fraction = next;
          scale *= 10;
        }
      }
      if (!digitsBefore && !digitsAfter) {
        throw invalid(whole);
      }
      int unitStart = i;
      while (i < rest.length() && rest.charAt(i) != '.' && !isDigit(rest.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration \"" + whole + "\"");
      }
      String unitName = rest.substring(unitStart, i);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit \"" + unitName + "\" in duration \"" + whole + "\"");
      }
      if (Long.compareUnsigned(integer, Long.divideUnsigned(TWO_TO_63, unit)) > 0) {
        throw invalid(whole);
      }
      long nanos = integer * unit;
      if (fraction != 0) { // unsigned: 2^63 is negative as a long
        // Go adds uint64(float64(f) * (float64(unit) / scale)): the same doubles, truncated
        double f = fraction < 0 ? 0x1p63 : fraction; // a fraction of exactly 2^63 digits
        nanos += (long) (f * ((double) unit / scale));
        if (Long.compareUnsigned(nanos, TWO_TO_63) > 0) {
          throw invalid(whole);
        }
      }
      return new Component(nanos, i);
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
