package dev.cairn.operation;

import dev.cairn.repository.Locks;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotRef;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operations on one open repository, each taking the lock it needs ({@link LockOptions})
 * and releasing it before it returns. Failures keep their types: {@link
 * dev.cairn.repository.LockConflictException} when another live process holds a conflicting
 * lock, {@link dev.cairn.core.CairnException} for a bad request (unknown snapshot, empty
 * policy), {@link java.io.IOException} from the store; front ends map them to exit codes or
 * outcome classes in one place each.
 */
public final class Operations {
  private final Repository repo;
  private final LockOptions locks;

  public Operations(Repository repo, LockOptions locks) {
    this.repo = repo;
    this.locks = locks;
  }

  /** The repository operated on. */
  public Repository repository() {
    return repo;
  }

  /** Makes one snapshot (shared lock). Unreadable items are listed in the outcome. */
  public BackupOutcome backup(BackupRequest request, BackupListener listener) throws IOException {
    return new BackupOperation(repo, locks).run(request, listener);
  }

  /** Restores a snapshot (shared lock, or none with {@code noLock}). */
  public RestoreOutcome restore(RestoreRequest request, Consumer<SnapshotRef> selected)
      throws IOException {
    return new RestoreOperation(repo, locks).run(request, selected);
  }

  /** Forgets snapshots, then prunes when the request asks (exclusive lock). */
  public ForgetOutcome forget(ForgetRequest request, ForgetListener listener) throws IOException {
    return new ForgetOperation(repo, locks).run(request, listener);
  }

  /** Prunes (exclusive lock). */
  public PruneOutcome prune(PruneRequest request, PruneListener listener) throws IOException {
    return new PruneOperation(repo, locks).run(request, listener);
  }

  /**
   * Removes the locks whose holders are gone (by {@link LockOptions#stale()}), or every lock
   * with {@code all}; takes no lock itself. Returns how many were removed.
   */
  public int unlock(boolean all) throws IOException {
    return all ? Locks.removeAll(repo) : Locks.removeStale(repo, Instant.now(), locks.stale())
        .size();
  }

  /**
   * The snapshots with the given ids (each {@code latest} or a prefix, in order), or when none
   * are given every snapshot passing {@code filter}, oldest first (shared lock, or none).
   */
  public List<SnapshotRef> snapshots(List<String> ids, SnapshotFilter filter)
      throws IOException {
    try (HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.READ, locks)) {
      Snapshots all = new Snapshots(repo);
      if (ids.isEmpty()) {
        return all.matching(filter);
      }
      List<SnapshotRef> out = new ArrayList<>();
      for (String id : ids) {
        out.add(all.find(id, filter));
      }
      return out;
    }
  }
}
