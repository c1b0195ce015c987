package dev.cairn.operation;

import dev.cairn.core.Id;
import dev.cairn.filter.PathPatterns;
import dev.cairn.repository.Repository;
import dev.cairn.restore.RestoreOptions;
import dev.cairn.restore.RestoreResult;
import dev.cairn.restore.Restorer;
import dev.cairn.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** One restore under a shared lock (none with {@code --no-lock}). */
final class RestoreOperation {
  private final Repository repo;
  private final LockOptions locks;

  RestoreOperation(Repository repo, LockOptions locks) {
    this.repo = repo;
    this.locks = locks;
  }

  /**
   * Restores; {@code selected} hears which snapshot before any file is written.
   *
   * @throws dev.cairn.core.CairnException when the snapshot or the subpath does not exist
   */
  RestoreOutcome run(RestoreRequest req, Consumer<SnapshotRef> selected) throws IOException {
    Instant started = Instant.now();
    try (HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.READ, locks)) {
      repo.loadIndex();
      Snapshots snapshots = new Snapshots(repo);
      SnapshotRef found = snapshots.find(req.snapshot(), req.filter());
      String sub = req.subpath();
      Id tree = snapshots.subtree(found.snapshot(), sub);
      selected.accept(found);
      RestoreOptions opts = new RestoreOptions(new PathPatterns(req.includes()),
          new PathPatterns(req.excludes()), req.delete(), req.verify(), req.sparse());
      Path snapPath = Path.of("/").resolve(sub.startsWith("/") ? sub.substring(1) : sub);
      RestoreResult r = new Restorer(repo.treesOnce(), new RepositoryPackSource(repo), opts)
          .restore(tree, req.target(), snapPath);
      return new RestoreOutcome(found, r, Duration.between(started, Instant.now()));
    }
  }
}
