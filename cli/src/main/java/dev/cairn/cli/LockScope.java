package dev.cairn.cli;

import dev.cairn.repository.Lock;
import dev.cairn.repository.Repository;
import java.io.IOException;

/**
 * Holds a repository lock for a command and releases it on exit, also when the process is
 * interrupted (Ctrl-C, SIGTERM), so an interrupted run leaves no lock behind.
 */
final class LockScope implements AutoCloseable {
  private final Lock lock;
  private final Thread hook;

  private LockScope(Lock lock) {
    this.lock = lock;
    this.hook = lock == null ? null : new Thread(lock::close, "cairn-unlock");
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
      Hangup.ignore();
    }
  }

  /** Locks unless {@code --no-lock} was given for a read-only command. */
  static LockScope acquire(Main main, Repository repo, boolean exclusive, boolean readOnly)
      throws IOException {
    if (readOnly && main.global().noLock) {
      return new LockScope(null);
    }
    return new LockScope(Lock.acquire(repo, exclusive, main.global().retryLockDuration()));
  }

  @Override
  public void close() {
    if (lock == null) {
      return;
    }
    Hangup.restore();
    lock.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
