package dev.cairn.operation;

import dev.cairn.core.CairnException;
import dev.cairn.core.Id;
import dev.cairn.pack.Compression;
import dev.cairn.prune.PrunePlan;
import dev.cairn.prune.PrunePlanner;
import dev.cairn.prune.Pruner;
import dev.cairn.prune.UsedBlobs;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One prune: find the blobs the snapshots use, plan with restic 0.14's rules, then (unless a dry
 * run) carry the plan out in the crash-safe order of {@link Pruner}. Needs the exclusive lock.
 */
final class PruneOperation {
  private final Repository repo;
  private final LockOptions locks;

  PruneOperation(Repository repo, LockOptions locks) {
    this.repo = repo;
    this.locks = locks;
  }

  /** Refuses what restic refuses before taking the lock. */
  void checkPreconditions(PruneRequest req) {
    if (req.options().repackUncompressed() && req.compression() == Compression.OFF) {
      throw new CairnException(
          "disabled compression and `--repack-uncompressed` are mutually exclusive");
    }
    if (repo.backend().connections() < 2) {
      throw new CairnException("prune requires a backend connection limit of at least two");
    }
    if (repo.config().version() < 2 && req.options().repackUncompressed()) {
      throw new CairnException("compression requires at least repository format version 2");
    }
  }

  PruneOutcome run(PruneRequest req, PruneListener listener) throws IOException {
    checkPreconditions(req);
    try (HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.EXCLUSIVE, locks)) {
      return runLocked(req, Set.of(), listener);
    }
  }

  /**
   * Prunes under a lock the caller holds, as if the snapshots in {@code ignore} were gone
   * (forget with {@code --prune} passes the ones it removed).
   */
  PruneOutcome runLocked(PruneRequest req, Set<Id> ignore, PruneListener listener)
      throws IOException {
    Instant started = Instant.now();
    int threads = Math.max(2, repo.backend().connections());
    listener.step("loading indexes...");
    repo.loadIndex();
    listener.step("loading all snapshots...");
    UsedBlobs used = UsedBlobs.find(repo, ignore, threads);
    listener.step("finding data that is still in use for " + used.snapshots() + " snapshots");
    listener.step("searching used packs...");
    listener.step("collecting packs for deletion and repacking");
    PrunePlan plan = new PrunePlanner(repo, req.options(), req.packSize()).plan(used.blobs());
    listener.planned(plan);
    if (req.dryRun()) {
      return new PruneOutcome(plan, false, Duration.between(started, Instant.now()));
    }
    new Pruner(repo, req.packSize(), new Pruner.Listener() {
      @Override
      public void step(String message) {
        listener.step(message);
      }

      @Override
      public void detail(String message) {
        listener.detail(message);
      }
    }).execute(plan);
    return new PruneOutcome(plan, true, Duration.between(started, Instant.now()));
  }
}
