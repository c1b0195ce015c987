package dev.cairn.cli.mover;

import dev.cairn.cli.repo.DurationParser;
import dev.cairn.snapshot.KeepPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The environment of a mover container, as Volsync's controller sets it (and Cairn's operator
 * and standalone mode), checked all at once before anything is read or written.
 *
 * @param env the whole environment: restic's and the stores' variables are read from it
 * @param dataDir {@code DATA_DIR}: the volume
 * @param privileged {@code PRIVILEGED_MOVER=1}: the mover may restore owners
 * @param forget {@code FORGET_OPTIONS} as a policy ({@code --keep-last 1} when empty)
 * @param restoreAsOf {@code RESTORE_AS_OF}, or null
 * @param selectPrevious {@code SELECT_PREVIOUS} (0 when unset)
 * @param restoreDelete {@code RESTORE_OPTIONS} holds {@code --delete}
 * @param customCa {@code CUSTOM_CA}: a PEM file trusted besides the system's, or null
 * @param debug {@code DEBUG_MOVER=1}: wait for a person instead of running
 * @param terminationPath {@code TERMINATION_MESSAGE_PATH}, default {@code /dev/termination-log}
 * @param readConcurrency {@code RESTIC_READ_CONCURRENCY} (default 2)
 * @param retryLock {@code CAIRN_RETRY_LOCK}: how long to wait for another live process's lock
 * @param options {@code CAIRN_MOVER_OPTIONS}: extended options ({@code -o}), space separated
 * @param job {@code CAIRN_MOVER_JOB}, else the Job this pod belongs to as its host name shows
 *     ({@code volsync-src-app-x7k2p} is a pod of Job {@code volsync-src-app}), or null
 * @param snapshotTime {@code CAIRN_SNAPSHOT_TIME}: the backup's snapshot time (RFC 3339), as
 *     {@code restic backup --time}; {@code cairn standalone} passes its own clock. Null: the
 *     backup's start
 */
public record MoverEnvironment(
    Map<String, String> env,
    Path dataDir,
    boolean privileged,
    KeepPolicy forget,
    Instant restoreAsOf,
    int selectPrevious,
    boolean restoreDelete,
    Path customCa,
    boolean debug,
    Path terminationPath,
    int readConcurrency,
    Duration retryLock,
    List<String> options,
    String job,
    Instant snapshotTime) {
  /** What {@code entry.sh} requires, in its order. */
  static final List<String> MANDATORY = List.of(
      "PRIVILEGED_MOVER", "RESTIC_CACHE_DIR", "RESTIC_PASSWORD", "RESTIC_REPOSITORY", "DATA_DIR");

  /** Variables of stores Cairn does not have; Volsync passes them when the Secret has them. */
  private static final List<String> FOREIGN_PREFIXES = List.of(
      "AZURE_", "GOOGLE_", "B2_", "ST_", "OS_", "RCLONE_", "RESTIC_AWS_ASSUME_ROLE_");
  private static final List<String> FOREIGN_SCHEMES =
      List.of("azure", "gs", "b2", "swift", "rclone", "sftp");

  /**
   * Reads and checks {@code env}.
   *
   * @throws MoverFailure naming the first variable that is missing (exit 1, as {@code
   *     entry.sh}), belongs to a store Cairn does not have, or has a value that means nothing
   */
  public static MoverEnvironment parse(Map<String, String> env, String hostname) {
    for (String v : MANDATORY) {
      if (env.get(v) == null || env.get(v).isEmpty()) {
        throw bad(v + " must be defined");
      }
    }
    foreignBackend(env);
    String job = env.get("CAIRN_MOVER_JOB");
    if ((job == null || job.isBlank()) && hostname != null
        && hostname.matches("volsync-.+-[a-z0-9]{5}")) {
      job = hostname.substring(0, hostname.length() - 6);
    }
    try {
      return new MoverEnvironment(Map.copyOf(env), Path.of(env.get("DATA_DIR")),
          "1".equals(env.get("PRIVILEGED_MOVER")), forget(env.get("FORGET_OPTIONS")),
          instant("RESTORE_AS_OF", env.get("RESTORE_AS_OF")), previous(env.get("SELECT_PREVIOUS")),
          restoreDelete(env.get("RESTORE_OPTIONS")), path(env.get("CUSTOM_CA")),
          "1".equals(env.get("DEBUG_MOVER")),
          Path.of(env.getOrDefault("TERMINATION_MESSAGE_PATH", "/dev/termination-log")),
          number("RESTIC_READ_CONCURRENCY", env.get("RESTIC_READ_CONCURRENCY"), 2, 1),
          retryLock(env.get("CAIRN_RETRY_LOCK")), options(env.get("CAIRN_MOVER_OPTIONS")),
          job == null || job.isBlank() ? null : job,
          instant("CAIRN_SNAPSHOT_TIME", env.get("CAIRN_SNAPSHOT_TIME")));
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private static MoverFailure bad(String message) {
    return new MoverFailure(Outcome.FAILED, Outcome.FAILED.exitCode(), message);
  }

  private static void foreignBackend(Map<String, String> env) {
    for (String key : new TreeSet<>(env.keySet())) {
      for (String p : FOREIGN_PREFIXES) {
        if (key.startsWith(p)) {
          throw bad(key + " is set, but Cairn has no " + storeOf(p)
              + " support: it stores repositories locally, in S3 and on REST servers");
        }
      }
    }
    String repo = env.get("RESTIC_REPOSITORY");
    int colon = repo.indexOf(':');
    if (colon > 0 && !repo.startsWith("/")) {
      String scheme = repo.substring(0, colon).toLowerCase(Locale.ROOT);
      if (FOREIGN_SCHEMES.contains(scheme)) {
        throw bad("RESTIC_REPOSITORY: the " + scheme + " backend is not supported by Cairn"
            + " (local paths, s3: and rest: are)");
      }
    }
  }

  private static String storeOf(String prefix) {
    return switch (prefix) {
      case "AZURE_" -> "Azure Blob Storage";
      case "GOOGLE_" -> "Google Cloud Storage";
      case "B2_" -> "Backblaze B2";
      case "ST_", "OS_" -> "OpenStack Swift";
      case "RCLONE_" -> "rclone";
      default -> "AWS role assumption";
    };
  }

  private static KeepPolicy forget(String v) {
    try {
      return ForgetOptions.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("FORGET_OPTIONS: " + e.getMessage());
    }
  }

  /**
   * RFC 3339 ({@code 2024-05-06T07:08:09Z}, an offset, or a space for the {@code T}); without
   * an offset, or a date alone, the time is UTC (Volsync's container zone).
   */
  static Instant instant(String v) {
    return instant("RESTORE_AS_OF", v);
  }

  /** {@link #instant(String)} of variable {@code name}. */
  static Instant instant(String name, String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String s = v.trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e1) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw new IllegalArgumentException(name + " \"" + v
              + "\" is not a time: want RFC 3339, e.g. 2024-05-06T07:08:09Z");
        }
      }
    }
  }

  private static int previous(String v) {
    return number("SELECT_PREVIOUS", v, 0, 0);
  }

  private static int number(String name, String v, int fallback, int min) {
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(name + " \"" + v + "\": want a whole number of at least "
        + min);
  }

  private static boolean restoreDelete(String v) {
    boolean delete = false;
    if (v != null) {
      for (String t : v.trim().split("\\s+")) {
        if (t.equals("--delete")) {
          delete = true;
        } else if (!t.isEmpty()) {
          throw new IllegalArgumentException("RESTORE_OPTIONS: \"" + t
              + "\" is not supported (only --delete is)");
        }
      }
    }
    return delete;
  }

  private static Path path(String v) {
    return v == null || v.isBlank() ? null : Path.of(v);
  }

  private static Duration retryLock(String v) {
    if (v == null || v.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return DurationParser.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CAIRN_RETRY_LOCK: " + e.getMessage());
    }
  }

  private static List<String> options(String v) {
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String t : v.trim().split("\\s+")) {
        if (!t.isEmpty()) {
          if (!t.contains("=")) {
            throw new IllegalArgumentException("CAIRN_MOVER_OPTIONS: \"" + t
                + "\" is not key=value");
          }
          out.add(t);
        }
      }
    }
    return out;
  }
}
