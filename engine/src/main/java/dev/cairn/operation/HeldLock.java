package dev.cairn.operation;

import dev.cairn.repository.Lock;
import dev.cairn.repository.Repository;
import java.io.IOException;

/**
 * A repository lock held for the length of an operation and released on close, also when the
 * process is interrupted (Ctrl-C, SIGTERM, a deleted pod): a shutdown hook removes the lock file,
 * so an interrupted run leaves no lock behind. While held, SIGHUP is ignored ({@link Hangup}).
 */
public final class HeldLock implements AutoCloseable {
  /** What an operation needs. */
  public enum Mode {
    /** Reads only: a shared lock, or none with {@link LockOptions#noLock()}. */
    READ,
    /** Adds data (backup): a shared lock, always. */
    APPEND,
    /** Removes data (forget, prune, check): the repository to itself. */
    EXCLUSIVE
  }

  private final Lock lock;
  private final Thread hook;

  private HeldLock(Lock lock) {
    this.lock = lock;
    this.hook = lock == null ? null : new Thread(lock::close, "cairn-unlock");
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
      Hangup.ignore();
    }
  }

  /** No lock: for a read-only run with {@link LockOptions#noLock()}. */
  public static HeldLock none() {
    return new HeldLock(null);
  }

  /**
   * Takes the lock {@code mode} needs on {@code repo}.
   *
   * @throws dev.cairn.repository.LockConflictException naming the holder when another live
   *     process holds a conflicting lock for longer than {@link LockOptions#retry()}
   */
  public static HeldLock acquire(Repository repo, Mode mode, LockOptions options)
      throws IOException {
    if (mode == Mode.READ && options.noLock()) {
      return new HeldLock(null);
    }
    return new HeldLock(Lock.acquire(repo, mode == Mode.EXCLUSIVE, options.retry(),
        options.stale(), options.warnings()));
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
