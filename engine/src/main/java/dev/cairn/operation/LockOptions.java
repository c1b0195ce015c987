package dev.cairn.operation;

import dev.cairn.repository.StaleLockPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How operations take the repository lock.
 *
 * @param retry how long to wait for a conflicting lock to go (restic's {@code --retry-lock})
 * @param noLock read-only operations take no lock at all (restic's {@code --no-lock})
 * @param stale which conflicting locks count as left behind by a dead process and are removed
 * @param warnings receives one line for each stale lock removed, and lock refresh failures
 */
public record LockOptions(
    Duration retry, boolean noLock, StaleLockPolicy stale, Consumer<String> warnings) {
  /** Rejects nulls. */
  public LockOptions {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(stale, "stale");
    Objects.requireNonNull(warnings, "warnings");
  }

  /** No waiting, locks taken, restic's stale rule, warnings to {@code warnings}. */
  public static LockOptions defaults(Consumer<String> warnings) {
    return new LockOptions(Duration.ZERO, false, StaleLockPolicy.RESTIC, warnings);
  }
}
