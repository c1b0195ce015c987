package dev.cairn.cli.mover;

import dev.cairn.repository.LockFile;
import dev.cairn.repository.StaleLockPolicy;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Locks left by an earlier pod of the same mover Job count as stale. A Job runs one pod at a
 * time (parallelism 1), and the controllers start the next run's Job only once the last one is
 * gone, so a lock written by another pod of this Job ({@code <job>-<5 characters>}, the pod's
 * host name) belongs to a pod that was killed: deleted, evicted or on a lost node. Without this,
 * such a lock would block every run for 30 minutes (restic's stale age), since the new pod runs
 * on another host name and cannot see that the old process is gone.
 */
final class SiblingLocks implements StaleLockPolicy {
  private final String me;
  private final Pattern sibling;

  /**
   * @param job the Job's name
   * @param me this pod's host name
   */
  SiblingLocks(String job, String me) {
    this.me = me;
    this.sibling = Pattern.compile(Pattern.quote(job) + "-[a-z0-9]{5}");
  }

  @Override
  public String staleReason(LockFile lock, Instant now) {
    if (!lock.hostname().equals(me) && sibling.matcher(lock.hostname()).matches()) {
      return "left by pod " + lock.hostname() + " of the same mover Job, which runs one pod at"
          + " a time";
    }
    return null;
  }
}
