package dev.cairn.prune;

import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.repository.Futures;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Carries out a {@link PrunePlan} in restic's crash-safe order, so that a run killed at any
 * point leaves every needed blob indexed and present:
 *
 * <ol>
 *   <li>delete unreferenced packs (no index names them);
 *   <li>repack: new packs, then index files for them;
 *   <li>write index files for every remaining pack;
 *   <li>delete the old index files;
 *   <li>delete the packs that are no longer needed.
 * </ol>
 *
 * A killed run leaves at most duplicate index entries and unreferenced packs, which the next
 * prune removes.
 */
public final class Pruner {
  /** Progress: a step starts, or one object is done (for verbose output). */
  public interface Listener {
    void step(String message);

    void detail(String message);
  }

  private final Repository repo;
  private final int packSize;
  private final Listener listener;

  public Pruner(Repository repo, int packSize, Listener listener) {
    this.repo = repo;
    this.packSize = packSize;
    this.listener = listener;
  }

  /** Executes the plan; the index must be the one the plan was made from. */
  public void execute(PrunePlan plan) throws IOException {
    if (!plan.unreferenced().isEmpty()) {
      listener.step("deleting unreferenced packs");
      delete(FileType.PACK, plan.unreferenced());
    }
    Set<Id> gone = new HashSet<>(plan.remove());
    if (!plan.repack().isEmpty()) {
      listener.step("repacking packs");
      new Repacker(repo, packSize).repack(plan.repack(), new HashSet<>(plan.keep()),
          id -> listener.detail("repacked pack " + id.hex()));
      gone.addAll(plan.repack());
    }
    Set<Id> leaveOut = new HashSet<>(gone);
    leaveOut.addAll(plan.missing());
    if (!leaveOut.isEmpty()) {
      listener.step("rebuilding index");
      List<Id> old = repo.list(FileType.INDEX);
      for (Id id : new IndexRewriter(repo).write(leaveOut)) {
        listener.detail("saved index " + id.hex());
      }
      listener.step("deleting obsolete index files");
      delete(FileType.INDEX, old);
    }
    if (!gone.isEmpty()) {
      listener.step("removing " + gone.size() + " old packs");
      delete(FileType.PACK, gone);
    }
    listener.step("done");
  }

  /** Deletes files several at a time; a file already gone counts as deleted. */
  private void delete(FileType type, Collection<Id> ids) throws IOException {
    int threads = Math.max(1, repo.backend().connections());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cairn-delete");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Id id : ids) {
        futures.add(pool.submit(() -> {
          Handle h = new Handle(type, id.hex());
          repo.backend().removeIfPresent(h);
          listener.detail("removed " + h);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        Futures.get(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
