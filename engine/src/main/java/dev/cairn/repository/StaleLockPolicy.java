package dev.cairn.repository;

import java.time.Instant;

/**
 * Decides whether a lock file found in a repository belongs to a process that is gone, so that
 * the lock may be removed instead of blocking. {@link #RESTIC} is restic's rule; front ends that
 * know more about their runs (a mover Job runs one pod at a time) add their own with {@link #or}.
 *
 * <p>Contract: a policy must only call a lock stale when its holder can no longer write to the
 * repository; removing the lock of a live holder lets an exclusive operation (prune) run beside
 * it.
 */
@FunctionalInterface
public interface StaleLockPolicy {
  /** restic's rule ({@link LockFile#isStale}): older than 30 minutes, or its process is gone. */
  StaleLockPolicy RESTIC = LockFile::staleReason;

  /**
   * Whether the holder of {@code lock} is gone at {@code now}.
   *
   * @return a short reason ("its process 4711 on this host is gone"), or null when the holder
   *     may still be alive
   */
  String staleReason(LockFile lock, Instant now);

  /** This policy, and where it finds the holder alive, {@code other}. */
  default StaleLockPolicy or(StaleLockPolicy other) {
    return (lock, now) -> {
      String reason = staleReason(lock, now);
      return reason != null ? reason : other.staleReason(lock, now);
    };
  }
}
