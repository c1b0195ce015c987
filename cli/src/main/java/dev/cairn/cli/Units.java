package dev.cairn.cli;

import java.util.Locale;

/** restic's human formats for sizes ({@code 1.234 MiB}) and durations ({@code 1:02}). */
final class Units {
  private Units() {}

  static String bytes(long n) {
    double v = n;
    if (n >= 1L << 40) {
      return String.format(Locale.ROOT, "%.3f TiB", v / (1L << 40));
    }
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.3f GiB", v / (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format(Locale.ROOT, "%.3f MiB", v / (1L << 20));
    }
    if (n >= 1L << 10) {
      return String.format(Locale.ROOT, "%.3f KiB", v / (1L << 10));
    }
    return n + " B";
  }

  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
