package dev.cairn.cli.mover;

import dev.cairn.snapshot.KeepDuration;
import dev.cairn.snapshot.KeepPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Volsync's {@code FORGET_OPTIONS}, the keep flags of {@code restic forget} in one string
 * ({@code --keep-hourly 24 --keep-daily 7}, also {@code --keep-last=5}), as a {@link
 * KeepPolicy}. Empty means {@code --keep-last 1}, Volsync's default.
 */
public final class ForgetOptions {
  /** Volsync's policy when {@code retain} is unset: the latest snapshot only. */
  public static final KeepPolicy KEEP_LAST_ONE =
      new KeepPolicy(1, 0, 0, 0, 0, 0, null, null, null, null, null, null, null);

  private static final List<String> COUNTS =
      List.of("last", "hourly", "daily", "weekly", "monthly", "yearly");
  private static final List<String> WITHIN =
      List.of("within", "within-hourly", "within-daily", "within-weekly", "within-monthly",
          "within-yearly");

  private ForgetOptions() {}

  /**
   * Parses {@code value}.
   *
   * @throws IllegalArgumentException naming the flag or value that is not a keep option
   */
  public static KeepPolicy parse(String value) {
    if (value == null || value.isBlank()) {
      return KEEP_LAST_ONE;
    }
    Map<String, String> flags = new TreeMap<>();
    List<List<String>> tags = new ArrayList<>();
    String[] tokens = value.trim().split("\\s+");
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (!t.startsWith("--keep-")) {
        throw new IllegalArgumentException("\"" + t + "\" is not a --keep-* option");
      }
      String name = t.substring("--keep-".length());
      String arg;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        arg = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < tokens.length) {
        arg = tokens[++i];
      } else {
        throw new IllegalArgumentException("--keep-" + name + " needs a value");
      }
      if (name.equals("tag")) {
        tags.add(List.of(arg.split(",")));
      } else if (COUNTS.contains(name) || WITHIN.contains(name)) {
        flags.put(name, arg);
      } else {
        throw new IllegalArgumentException("unknown option --keep-" + name);
      }
    }
    int[] n = new int[COUNTS.size()];
    for (int k = 0; k < n.length; k++) {
      n[k] = count(COUNTS.get(k), flags.get(COUNTS.get(k)));
    }
    KeepDuration[] d = new KeepDuration[WITHIN.size()];
    for (int k = 0; k < d.length; k++) {
      d[k] = duration(WITHIN.get(k), flags.get(WITHIN.get(k)));
    }
    return new KeepPolicy(n[0], n[1], n[2], n[3], n[4], n[5], d[0], d[1], d[2], d[3], d[4],
        d[5], tags);
  }

  private static int count(String name, String v) {
    if (v == null) {
      return 0;
    }
    try {
      int c = Integer.parseInt(v);
      if (c >= -1) {
        return c;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--keep-" + name + " \"" + v
        + "\": want a number of at least -1");
  }

  private static KeepDuration duration(String name, String v) {
    if (v == null) {
      return null;
    }
    try {
      return KeepDuration.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--keep-" + name + " \"" + v + "\": " + e.getMessage());
    }
  }
}
