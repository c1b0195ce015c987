package dev.cairn.core;

import java.util.Locale;

/** Sizes as restic's flags take them: a whole number with an optional B, K, M, G or T suffix. */
public final class ByteSize {
  private ByteSize() {}

  /**
   * Parses {@code 500}, {@code 500B}, {@code 64k}, {@code 16M}, {@code 2G} or {@code 1T}
   * (powers of 1024, either case).
   *
   * @throws IllegalArgumentException when the text is not such a size or overflows
   */
  public static long parse(String text) {
    String s = text.trim().toUpperCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("expected a size, got an empty string");
    }
    char last = s.charAt(s.length() - 1);
    long unit = 1;
    int shift = "KMGT".indexOf(last);
    if (shift >= 0) {
      unit = 1L << (10 * (shift + 1));
      s = s.substring(0, s.length() - 1);
    } else if (last == 'B') {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("invalid size \"" + text + "\"", e);
    }
  }
}
