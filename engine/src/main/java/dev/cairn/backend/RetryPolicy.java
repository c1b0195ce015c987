package dev.cairn.backend;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How {@link RetryingBackend} retries: exponential backoff with full jitter. Before retry
 * {@code n} (1-based) it waits a uniformly random time in {@code [0, min(cap, base * factor^(n-1))]};
 * it gives up after {@code maxAttempts} attempts, or when the next wait would end later than
 * {@code maxElapsed} after the first attempt started.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retries)
 * @param base the upper bound of the first wait
 * @param factor how much the bound grows per retry, at least 1
 * @param cap the largest upper bound of a wait
 * @param maxElapsed the time budget of one call, all attempts and waits together
 */
public record RetryPolicy(int maxAttempts, Duration base, double factor, Duration cap,
    Duration maxElapsed) {
  /** About restic's: 10 attempts, 500 ms doubling up to 30 s, at most 15 minutes per call. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMillis(500), 2.0,
      Duration.ofSeconds(30), Duration.ofMinutes(15));

  /** Never retries. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO,
      Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(maxElapsed, "maxElapsed");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("need at least 1 attempt, got " + maxAttempts);
    }
    if (!(factor >= 1.0) || base.isNegative() || cap.isNegative() || maxElapsed.isNegative()) {
      throw new IllegalArgumentException("invalid retry policy: factor " + factor + ", base "
          + base + ", cap " + cap + ", budget " + maxElapsed);
    }
  }

  /** The upper bound of the wait before retry {@code retry} (1-based), before jitter. */
  public Duration bound(int retry) {
    double nanos = base.toNanos() * Math.pow(factor, Math.max(0, retry - 1));
    return Duration.ofNanos((long) Math.min(nanos, (double) cap.toNanos()));
  }

  /** A random wait before retry {@code retry} (1-based): full jitter over {@link #bound}. */
  public Duration delay(int retry, RandomGenerator random) {
    long bound = bound(retry).toNanos();
    return bound <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(bound + 1));
  }
}
