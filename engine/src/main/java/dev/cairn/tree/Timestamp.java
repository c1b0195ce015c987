package dev.cairn.tree;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A Go {@code time.Time} as restic stores it: an instant plus the UTC offset it was rendered in.
 * The offset is part of the stored bytes (restic writes times in the host's local zone), so it is
 * kept from parsing to re-serialising; two timestamps for the same instant in different zones are
 * not equal.
 *
 * @param epochSecond seconds since 1970-01-01T00:00:00Z
 * @param nano nanoseconds within the second, 0..999,999,999
 * @param offsetSeconds the UTC offset of the rendering zone, in seconds
 */
public record Timestamp(long epochSecond, int nano, int offsetSeconds) {
  /** Go's zero time, {@code 0001-01-01T00:00:00Z}, written for unset times. */
  public static final Timestamp GO_ZERO = new Timestamp(-62135596800L, 0, 0);

  /** Validates the nanosecond field and the offset range (±18 hours, like java.time). */
  public Timestamp {
    if (nano < 0 || nano > 999_999_999) {
      throw new IllegalArgumentException("nano out of range: " + nano);
    }
    if (offsetSeconds < -18 * 3600 || offsetSeconds > 18 * 3600) {
      throw new IllegalArgumentException("offset out of range: " + offsetSeconds);
    }
  }

  /** The instant rendered in {@code zone}'s offset at that instant, as restic does with Local. */
  public static Timestamp of(Instant instant, ZoneId zone) {
    int offset = zone.getRules().getOffset(instant).getTotalSeconds();
    return new Timestamp(instant.getEpochSecond(), instant.getNano(), offset);
  }

  /** The instant rendered in UTC ({@code Z}). */
  public static Timestamp ofUtc(Instant instant) {
    return new Timestamp(instant.getEpochSecond(), instant.getNano(), 0);
  }

  /** The instant, without the offset. */
  public Instant toInstant() {
    return Instant.ofEpochSecond(epochSecond, nano);
  }

  /** Go RFC3339Nano: fraction without trailing zeros (none when 0), {@code Z} or {@code ±hh:mm}. */
  public String format() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(35);
    formatTo(out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Appends {@link #format()} to {@code out}.
   *
   * @throws IllegalArgumentException when the local year is outside 0..9999, which Go refuses to
   *     marshal; backup code clamps such times first (restic-format.md §7.4)
   */
  public void formatTo(ByteArrayOutputStream out) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(epochSecond, nano, ZoneOffset.ofTotalSeconds(offsetSeconds));
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("year outside [0,9999] cannot be encoded: " + year);
    }
    digits(out, year, 4);
    out.write('-');
    digits(out, t.getMonthValue(), 2);
    out.write('-');
    digits(out, t.getDayOfMonth(), 2);
    out.write('T');
    digits(out, t.getHour(), 2);
    out.write(':');
    digits(out, t.getMinute(), 2);
    out.write(':');
    digits(out, t.getSecond(), 2);
    if (nano != 0) {
      int n = nano;
      int width = 9;
      while (n % 10 == 0) {
        n /= 10;
        width--;
      }
      out.write('.');
      digits(out, n, width);
    }
    if (offsetSeconds == 0) {
      out.write('Z');
      return;
    }
    // Go prints whole minutes of the offset; seconds of historic zones are dropped
    int minutes = offsetSeconds / 60;
    out.write(minutes < 0 ? '-' : '+');
    minutes = Math.abs(minutes);
    digits(out, minutes / 60, 2);
    out.write(':');
    digits(out, minutes % 60, 2);
  }

  private static void digits(ByteArrayOutputStream out, int value, int width) {
    int div = 1;
    for (int k = 1; k < width; k++) {
      div *= 10;
    }
    for (; div > 0; div /= 10) {
      out.write('0' + (value / div) % 10);
    }
  }

  /**
   * Parses RFC3339 with an optional fraction of 1 to 9 digits and {@code Z} or {@code ±hh:mm}.
   *
   * @throws IllegalArgumentException when {@code s} is not in that form
   */
  public static Timestamp parse(String s) {
    try {
      return parseStrict(s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid RFC3339 time \"" + s + "\"", e);
    }
  }

  private static Timestamp parseStrict(String s) {
    int year = num(s, 0, 4);
    expect(s, 4, '-');
    int month = num(s, 5, 2);
    expect(s, 7, '-');
    int day = num(s, 8, 2);
    char sep = s.charAt(10);
    if (sep != 'T' && sep != 't') {
      throw new IllegalArgumentException("no T");
    }
    int hour = num(s, 11, 2);
    expect(s, 13, ':');
    int minute = num(s, 14, 2);
    expect(s, 16, ':');
    int second = num(s, 17, 2);
    int i = 19;
    int nano = 0;
    if (i < s.length() && s.charAt(i) == '.') {
      int start = ++i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      int len = i - start;
      if (len < 1 || len > 9) {
        throw new IllegalArgumentException("fraction must have 1 to 9 digits");
      }
      nano = num(s, start, len);
      for (int k = len; k < 9; k++) {
        nano *= 10;
      }
    }
    int offset = parseOffset(s, i);
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
    long epoch = local.toEpochSecond(ZoneOffset.UTC) - offset;
    return new Timestamp(epoch, nano, offset);
  }

  private static int parseOffset(String s, int i) {
    char z = s.charAt(i);
    if ((z == 'Z' || z == 'z') && i + 1 == s.length()) {
      return 0;
    }
    if ((z != '+' && z != '-') || i + 6 != s.length()) {
      throw new IllegalArgumentException("bad zone");
    }
    int hh = num(s, i + 1, 2);
    expect(s, i + 3, ':');
    int mm = num(s, i + 4, 2);
    if (hh > 23 || mm > 59) {
      throw new IllegalArgumentException("bad zone");
    }
    int offset = hh * 3600 + mm * 60;
    return z == '-' ? -offset : offset;
  }

  private static int num(String s, int at, int len) {
    int v = 0;
    for (int k = at; k < at + len; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("digit expected at " + k);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static void expect(String s, int at, char c) {
    if (s.charAt(at) != c) {
      throw new IllegalArgumentException("'" + c + "' expected at " + at);
    }
  }

  /**
   * Go's {@code time.Time.String()}, as restic prints times in text output: {@code 2006-01-02
   * 15:04:05.999999999 -0700 MST}. The zone name is {@code UTC} for {@code Z}; for an offset that
   * {@code local} has at that instant, its short name; otherwise the offset again (Go's name for
   * an unnamed fixed zone).
   */
  public String goString(ZoneId local) {
    String full = format();
    int t = full.indexOf('T');
    int zoneAt = full.indexOf('Z') >= 0 ? full.indexOf('Z') : Math.max(full.lastIndexOf('+'),
        full.lastIndexOf('-'));
    String dateTime = full.substring(0, t) + " " + full.substring(t + 1, zoneAt);
    int abs = Math.abs(offsetSeconds);
    String offset = String.format(java.util.Locale.ROOT, "%s%02d%02d",
        offsetSeconds < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
    String name;
    if (full.endsWith("Z")) {
      name = "UTC";
    } else if (local.getRules().getOffset(toInstant()).getTotalSeconds() == offsetSeconds) {
      name = java.time.format.DateTimeFormatter.ofPattern("zzz", java.util.Locale.ROOT)
          .format(toInstant().atZone(local));
    } else {
      name = offset;
    }
    return dateTime + " " + offset + " " + name;
  }

  @Override
  public String toString() {
    return format();
  }
}
