package dev.cairn.prune;

import dev.cairn.core.ByteSize;
import dev.cairn.core.CairnException;

/**
 * How much unused data prune may leave behind ({@code --max-unused}): a percentage of the
 * remaining size, an absolute size, or unlimited.
 */
public record UnusedLimit(double percent, long bytes, boolean unlimited) {
  /** restic's default: 5 % of the repository may stay unused. */
  public static final UnusedLimit DEFAULT = new UnusedLimit(5, 0, false);

  /** The unused bytes tolerated after pruning, given the bytes still used. */
  public long allowed(long used) {
    if (unlimited) {
      return Long.MAX_VALUE;
    }
    if (percent >= 0) {
      return (long) (percent / (100 - percent) * used);
    }
    return bytes;
  }

  /**
   * Parses {@code unlimited}, {@code X%} (0 ≤ X < 100) or a size such as {@code 1G}.
   *
   * @throws CairnException naming the flag and value when they are invalid
   */
  public static UnusedLimit parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new CairnException("invalid value for --max-unused: \"" + text + "\"");
    }
    if (s.equals("unlimited")) {
      return new UnusedLimit(-1, 0, true);
    }
    if (s.endsWith("%")) {
      double p;
      try {
        p = Double.parseDouble(s.substring(0, s.length() - 1));
      } catch (NumberFormatException e) {
        throw new CairnException("invalid percentage \"" + text + "\" passed for --max-unused");
      }
      if (p < 0) {
        throw new CairnException("percentage for --max-unused must be positive");
      }
      if (p >= 100) {
        throw new CairnException("percentage for --max-unused must be below 100%");
      }
      return new UnusedLimit(p, 0, false);
    }
    try {
      return new UnusedLimit(-1, ByteSize.parse(s), false);
    } catch (IllegalArgumentException e) {
      throw new CairnException("invalid number of bytes \"" + text + "\" for --max-unused");
    }
  }
}
