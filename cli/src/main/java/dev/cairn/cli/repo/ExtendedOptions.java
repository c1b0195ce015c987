package dev.cairn.cli.repo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** restic's {@code -o key=value} options, e.g. {@code s3.region=eu-1}, {@code connections=8}. */
public final class ExtendedOptions {
  private final Map<String, String> values = new LinkedHashMap<>();

  public ExtendedOptions(List<String> raw) {
    for (String kv : raw) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("invalid option \"" + kv + "\": want key=value");
      }
      values.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
  }

  /** The value of {@code key}, or {@code fallback} when not given. */
  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** The options whose keys start with {@code prefix}, with the prefix removed. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
