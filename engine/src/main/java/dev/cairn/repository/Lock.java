package dev.cairn.repository;

import dev.cairn.backend.Handle;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A held repository lock, compatible with restic's: any number of non-exclusive locks may
 * coexist; an exclusive one needs the repository to itself. The lock file is replaced by a fresh
 * one every five minutes while held, and removed by {@link #close}.
 */
public final class Lock implements AutoCloseable {
  static final Duration REFRESH = Duration.ofMinutes(5);
  private static final long SETTLE_MILLIS = 200;

  private final Repository repo;
  private final ScheduledExecutorService refresher;
  private LockFile content;
  private Id id;
  private boolean closed;

  private Lock(Repository repo, LockFile content, Id id) {
    this.repo = repo;
    this.content = content;
    this.id = id;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cairn-lock-refresh");
              t.setDaemon(true);
              return t;
            });
    long every = REFRESH.toMillis();
    refresher.scheduleAtFixedRate(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes a lock with restic's stale rule, warning on stderr; see {@link #acquire(Repository,
   * boolean, Duration, StaleLockPolicy, Consumer)}.
   */
  public static Lock acquire(Repository repo, boolean exclusive, Duration retry)
      throws IOException {
    return acquire(repo, exclusive, retry, StaleLockPolicy.RESTIC, System.err::println);
  }

  /**
   * Takes a lock, retrying for up to {@code retry} (restic's {@code --retry-lock}) while another
   * process holds a conflicting one. A conflicting lock whose holder {@code stale} finds gone
   * (restic's {@code unlock} would remove it) does not block: it is removed, with a warning.
   *
   * @param warn receives one line per removed stale lock
   * @throws LockConflictException naming the holder when the lock cannot be had in time
   */
  public static Lock acquire(Repository repo, boolean exclusive, Duration retry,
      StaleLockPolicy stale, Consumer<String> warn) throws IOException {
    Instant deadline = Instant.now().plus(retry);
    long backoff = 5_000;
    while (true) {
      try {
        return tryAcquire(repo, exclusive, stale, warn);
      } catch (LockConflictException e) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          throw e;
        }
        sleep(Math.min(backoff, left));
        backoff = Math.min(backoff * 2, 60_000);
      }
    }
  }

  private static Lock tryAcquire(Repository repo, boolean exclusive, StaleLockPolicy stale,
      Consumer<String> warn) throws IOException {
    checkConflicts(repo, exclusive, null, stale, warn);
    LockFile mine = LockFile.forThisProcess(exclusive);
    Id id = repo.saveUnpacked(FileType.LOCK, mine.encode());
    sleep(SETTLE_MILLIS);
    try {
      checkConflicts(repo, exclusive, id, stale, warn);
    } catch (LockConflictException | IOException e) {
      removeQuietly(repo, id);
      throw e;
    }
    return new Lock(repo, mine, id);
  }

  private static void checkConflicts(Repository repo, boolean exclusive, Id own,
      StaleLockPolicy stale, Consumer<String> warn) throws IOException {
    for (Id other : repo.list(FileType.LOCK)) {
      if (other.equals(own)) {
        continue;
      }
      LockFile lf;
      try {
        lf = LockFile.decode(repo.loadUnpacked(FileType.LOCK, other));
      } catch (NoSuchFileException | CairnException e) {
        continue; // vanished or unreadable: restic 0.14 ignores it too
      }
      if (!exclusive && !lf.exclusive()) {
        continue;
      }
      Instant now = Instant.now();
      String gone = stale.staleReason(lf, now);
      if (gone != null) {
        if (Locks.remove(repo, other) > 0) {
          warn.accept("removed stale " + (lf.exclusive() ? "exclusive " : "") + "lock "
              + other.shortHex() + " of PID " + lf.pid() + " on " + lf.hostname()
              + " (created at " + lf.time() + "): " + gone);
        }
        continue;
      }
      Duration age = Duration.between(lf.time(), now);
      throw new LockConflictException(
          "unable to create lock in backend: repository is already locked "
              + (lf.exclusive() ? "exclusively " : "")
              + "by PID " + lf.pid() + " on " + lf.hostname() + " by " + lf.username()
              + " (UID " + lf.uid() + ", GID " + lf.gid() + ")\n"
              + "lock was created at " + lf.time() + " (" + age.toSeconds() + "s ago)"
              + "\nstorage ID " + other.shortHex());
    }
  }

  /** The current lock file's id. */
  public synchronized Id id() {
    return id;
  }

  /** Writes a fresh lock file and removes the old one. */
  public synchronized void refresh() throws IOException {
    LockFile next = content.refreshed();
    Id nextId = repo.saveUnpacked(FileType.LOCK, next.encode());
    removeQuietly(repo, id);
    content = next;
    id = nextId;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (IOException | RuntimeException e) {
      System.err.println("warning: unable to refresh lock: " + e.getMessage());
    }
  }

  /** Releases the lock; further calls do nothing (safe from a shutdown hook). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    refresher.shutdownNow();
    removeQuietly(repo, id);
  }

  private static void removeQuietly(Repository repo, Id id) {
    try {
      repo.backend().remove(new Handle(FileType.LOCK, id.hex()));
    } catch (IOException e) {
      System.err.println("warning: unable to remove lock " + id.shortHex() + ": " + e.getMessage());
    }
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while locking");
    }
  }
}
