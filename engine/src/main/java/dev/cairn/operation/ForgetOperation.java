package dev.cairn.operation;

import dev.cairn.backend.Handle;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.GroupKey;
import dev.cairn.snapshot.KeepPolicy;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotGroup;
import dev.cairn.snapshot.SnapshotRef;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes snapshot files by id or by a keep policy (restic-format.md 10.1), under the exclusive
 * lock, then prunes under the same lock when asked. Only {@code snapshots/} files go; the data
 * stays until prune.
 */
final class ForgetOperation {
  private final Repository repo;
  private final LockOptions locks;

  ForgetOperation(Repository repo, LockOptions locks) {
    this.repo = repo;
    this.locks = locks;
  }

  ForgetOutcome run(ForgetRequest req, ForgetListener listener) throws IOException {
    validate(req);
    PruneOperation prune = req.prune() == null ? null : new PruneOperation(repo, locks);
    if (prune != null) {
      prune.checkPreconditions(req.prune());
    }
    // as restic: exclusive, but a dry run without prune may go without (--no-lock)
    boolean unlocked = req.dryRun() && prune == null && locks.noLock();
    try (HeldLock lock = unlocked ? HeldLock.none()
        : HeldLock.acquire(repo, HeldLock.Mode.EXCLUSIVE, locks)) {
      ForgetOutcome outcome = decide(req);
      if (!req.dryRun()) {
        for (SnapshotRef r : outcome.removed()) {
          repo.backend().remove(new Handle(FileType.SNAPSHOT, r.id().hex()));
        }
      }
      listener.forgotten(outcome);
      if (prune == null || outcome.removed().isEmpty()) {
        return outcome;
      }
      Set<Id> ignore = new HashSet<>();
      outcome.removed().forEach(r -> ignore.add(r.id()));
      PruneRequest pr = req.prune();
      PruneRequest p = new PruneRequest(pr.options(), req.dryRun(), pr.packSize(),
          pr.compression());
      return outcome.withPrune(prune.runLocked(p, ignore, listener));
    }
  }

  private static void validate(ForgetRequest req) {
    boolean noFilter = req.filter().equals(SnapshotFilter.ALL);
    if (req.unsafeAllowRemoveAll() && noFilter && req.ids().isEmpty()) {
      throw new CairnException(
          "--unsafe-allow-remove-all is not allowed unless a snapshot filter option is specified");
    }
    if (!req.unsafeAllowRemoveAll() && req.policy().isEmpty() && req.ids().isEmpty()) {
      throw new CairnException("no policy was specified, no snapshots will be removed");
    }
  }

  /** What to remove: the given ids, else the policy's choice in each group. */
  private ForgetOutcome decide(ForgetRequest req) throws IOException {
    Snapshots snapshots = new Snapshots(repo);
    Set<SnapshotRef> remove = new LinkedHashSet<>();
    if (!req.ids().isEmpty()) {
      for (String id : req.ids()) {
        remove.add(snapshots.find(id, req.filter()));
      }
      return new ForgetOutcome(List.of(), new ArrayList<>(remove), req.dryRun(), null);
    }
    Instant now = req.now() != null ? req.now() : Instant.now();
    List<ForgetOutcome.Group> groups = new ArrayList<>();
    for (SnapshotGroup g : GroupKey.group(snapshots.matching(req.filter()), req.groupBy())) {
      KeepPolicy.Result r = req.policy().isEmpty()
          ? new KeepPolicy.Result(List.of(), g.snapshots(), List.of())
          : req.policy().apply(g.snapshots(), now);
      if (r.keep().isEmpty() && !r.remove().isEmpty() && !req.unsafeAllowRemoveAll()) {
        throw new CairnException("refusing to delete last snapshot of snapshot group \""
            + g.key() + "\"");
      }
      remove.addAll(r.remove());
      groups.add(new ForgetOutcome.Group(g.key(), r));
    }
    return new ForgetOutcome(groups, new ArrayList<>(remove), req.dryRun(), null);
  }
}
