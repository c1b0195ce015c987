package dev.cairn.cli.report;

import java.util.Locale;

/** restic's human formats for sizes ({@code 1.234 MiB}) and durations ({@code 1:02}). */
public final class Units {
  private Units() {}

  public static String bytes(long n) {
    if (n >= 1L << 40) {
      return fixed3((double) n / (1L << 40)) + " TiB";
    }
    if (n >= 1L << 30) {
      return fixed3((double) n / (1L << 30)) + " GiB";
    }
    if (n >= 1L << 20) {
      return fixed3((double) n / (1L << 20)) + " MiB";
    }
    if (n >= 1L << 10) {
      return fixed3((double) n / (1L << 10)) + " KiB";
    }
    return n + " B";
  }

  /**
   * {@code %.3f} as Go prints it: the exact binary value rounded half to even (2.3125 gives
   * 2.312; Java's formatter rounds half up).
   */
  public static String fixed3(double v) {
    return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  public static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
