package dev.cairn.operator.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * How Cairn departs from Volsync's timing, where Volsync hurts: bounded retries with backoff
 * instead of recreating a failed Job forever (Volsync #1228, #1415), a per-resource jitter
 * against the thundering herd of identical schedules, and an opt-out of the immediate first
 * sync (Volsync #627).
 *
 * @param maxRetries how many times a failed run is retried in the same slot; 0 gives up at once
 * @param firstBackoff the wait before the first retry; each later retry waits twice as long
 * @param maxBackoff the longest wait before a retry, and how long a continuously syncing
 *     resource rests after it gave up
 * @param jitter a scheduled resource's firings move later by a fixed offset in {@code [0,
 *     jitter)}, whole seconds, chosen from the resource's uid; zero keeps Volsync's times
 * @param syncOnCreate true to sync as soon as a resource is created, whatever its trigger
 *     (Volsync); false to wait for the first firing of the schedule or for the manual tag
 */
public record SyncPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff,
    Duration jitter, boolean syncOnCreate) {
  /** Three retries after 1, 2 and 4 minutes (at most 30), no jitter, sync on create. */
  public static final SyncPolicy DEFAULT =
      new SyncPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ZERO, true);

  /**
   * @throws IllegalArgumentException when a count or a duration is negative
   * @throws NullPointerException when a duration is null
   */
  public SyncPolicy {
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(jitter, "jitter");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries " + maxRetries + " is negative");
    }
    if (firstBackoff.isNegative() || maxBackoff.isNegative() || jitter.isNegative()) {
      throw new IllegalArgumentException("negative duration: firstBackoff " + firstBackoff
          + ", maxBackoff " + maxBackoff + ", jitter " + jitter);
    }
  }

  /**
   * The wait before retrying a run that failed: {@code firstBackoff * 2^(attempt-1)}, at most
   * {@code maxBackoff}.
   *
   * @param attempt the failed run's attempt, 1 for the first try
   * @return the wait
   */
  public Duration backoff(int attempt) {
    Duration wait = firstBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
