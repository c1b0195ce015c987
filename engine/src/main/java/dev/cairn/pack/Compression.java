package dev.cairn.pack;

/** restic's {@code --compression} modes (0.14: auto, off, max). */
public enum Compression {
  OFF(0),
  AUTO(3),
  MAX(11);

  private final int level;

  Compression(int level) {
    this.level = level;
  }

  /** The zstd level used for this mode. */
  public int level() {
    return level;
  }

  /** Parses {@code auto}, {@code off} or {@code max} (as in {@code RESTIC_COMPRESSION}). */
  public static Compression parse(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> AUTO;
      case "off" -> OFF;
      case "max" -> MAX;
      default -> throw new IllegalArgumentException(
          "invalid compression mode \"" + s + "\": want auto, off or max");
    };
  }
}
