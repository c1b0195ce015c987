package dev.cairn.cli.mover;

import dev.cairn.backup.SourceError;
import dev.cairn.chunker.Polynomial;
import dev.cairn.cli.report.BackupPrinter;
import dev.cairn.cli.report.BackupSummaryPrinter;
import dev.cairn.cli.report.ForgetReport;
import dev.cairn.cli.report.Output;
import dev.cairn.cli.report.PruneReport;
import dev.cairn.cli.report.Units;
import dev.cairn.cli.repo.RepositoryLocator;
import dev.cairn.cli.repo.RepositorySettings;
import dev.cairn.crypto.KdfParams;
import dev.cairn.operation.BackupOutcome;
import dev.cairn.operation.BackupRequest;
import dev.cairn.operation.BackupSource;
import dev.cairn.operation.ForgetOutcome;
import dev.cairn.operation.ForgetRequest;
import dev.cairn.operation.LockOptions;
import dev.cairn.operation.Operations;
import dev.cairn.operation.PruneOutcome;
import dev.cairn.operation.PruneRequest;
import dev.cairn.operation.RestoreOutcome;
import dev.cairn.operation.RestoreRequest;
import dev.cairn.repository.NoRepositoryException;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.repository.StaleLockPolicy;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The actions of one mover run against one repository, opened once (and created when a backup
 * or a restore finds none, as {@code entry.sh} does). Each action prints restic's lines and
 * records its outcome in the {@link MoverResult}.
 */
final class MoverRun implements AutoCloseable {
  /** Volsync's host name for every snapshot, whatever cluster or pod made it. */
  static final String HOST = "volsync";
  private static final String LOST_FOUND = "lost+found";

  private final MoverEnvironment env;
  private final Output out;
  private final MoverResult result;
  private final String programVersion;
  private final RepositoryLocator locator;
  private final LockOptions locks;
  private final StringBuilder summary = new StringBuilder();
  private Repository repo;
  private Operations ops;

  MoverRun(MoverEnvironment env, Output out, MoverResult result, String programVersion,
      String hostname) {
    this.env = env;
    this.out = out;
    this.result = result;
    this.programVersion = programVersion;
    RepositorySettings settings = RepositorySettings.fromEnvironment()
        .withCaCerts(env.customCa() == null ? List.of() : List.of(env.customCa()))
        .withExtended(env.options());
    this.locator = new RepositoryLocator(settings, env.env(), out::warn);
    StaleLockPolicy stale = env.job() == null ? StaleLockPolicy.RESTIC
        : StaleLockPolicy.RESTIC.or(new SiblingLocks(env.job(), hostname));
    this.locks = new LockOptions(env.retryLock(), false, stale, out::warn);
  }

  /** What the run did, for the result's message. */
  String summary() {
    return summary.toString();
  }

  /** The repository, or null when there is none and {@code create} is false. */
  private Operations operations(boolean create) throws IOException {
    if (ops != null) {
      return ops;
    }
    try {
      repo = locator.open();
    } catch (NoRepositoryException e) {
      if (!create) {
        return null;
      }
      out.println("=== Initialize Dir ===");
      String pol = Polynomial.random(new SecureRandom()).hex();
      try (Repository created = RepositoryOpener.init(locator.backend(),
          locator.password(false), 2, pol, KdfParams.DEFAULT)) {
        out.println("created restic repository " + created.config().id().substring(0, 10)
            + " at " + created.backend().location());
        result.initialized();
      } catch (FileAlreadyExistsException raced) {
        out.println("repository created meanwhile by another process");
      }
      repo = locator.open();
    }
    ops = new Operations(repo, locks);
    return ops;
  }

  void unlock() throws IOException {
    Operations o = operations(false);
    if (o == null) {
      out.println("No repository, nothing to unlock");
      result.unlocked(0);
      return;
    }
    int n = o.unlock(false);
    out.println("successfully removed " + n + " locks");
    result.unlocked(n);
  }

  /** Backs the volume up and forgets; false when it was skipped because the volume is empty. */
  boolean backup() throws IOException {
    out.println("=== Checking directory for content ===");
    if (isEmpty(env.dataDir())) {
      out.println("=== Directory is empty skipping backup ===");
      result.backupSkipped();
      note(env.dataDir() + " is empty (apart from lost+found): backup skipped");
      return false;
    }
    Operations o = operations(true);
    out.println("=== Starting backup ===");
    BackupRequest request = BackupRequest.of(new BackupSource.Contents(env.dataDir(),
            SnapshotSelector.DATA_PATH))
        .withHostname(HOST)
        .withExcludes(List.of(LOST_FOUND))
        .withSizes(env.readConcurrency(), locator.packSize())
        .withProgramVersion(programVersion)
        .withTime(env.snapshotTime());
    BackupOutcome b;
    try (BackupPrinter printer = new BackupPrinter(out, false, 0, 0.1)) {
      b = o.backup(request, printer);
    }
    new BackupSummaryPrinter(out, false, 0).print(b.summary(), b.snapshotId(), false,
        b.duration().toMillis(), locator.requestStats());
    for (SourceError e : b.errors()) {
      out.warn("error: " + e);
    }
    result.backup(b);
    note("backup " + b.snapshotId().shortHex() + " saved"
        + (b.parent() == null ? "" : " (parent " + b.parent().id().shortHex() + ")") + ": "
        + b.summary().filesNew() + " new, " + b.summary().filesChanged() + " changed, "
        + b.summary().filesUnmodified() + " unmodified files, "
        + Units.bytes(b.summary().dataAdded()) + " added"
        + (b.partial() ? ", " + b.unreadablePaths().size() + " unreadable" : ""));
    forget(o);
    return true;
  }

  private void forget(Operations o) throws IOException {
    out.println("=== Starting forget ===");
    ForgetRequest request = ForgetRequest.of(env.forget(),
        new SnapshotFilter(List.of(HOST), List.of(), List.of()));
    ForgetOutcome f = o.forget(request,
        new ForgetReport(out, false, 0, false, env.forget(), false));
    result.forget(f);
    note("forget removed " + f.removed().size() + ", kept " + f.kept());
  }

  void prune() throws IOException {
    out.println("=== Starting prune ===");
    Operations o = operations(false);
    if (o == null) {
      out.println("No repository, nothing to prune");
      result.pruneSkipped();
      return;
    }
    PruneRequest defaults = PruneRequest.defaults();
    PruneOutcome p = o.prune(new PruneRequest(defaults.options(), false, locator.packSize(),
        locator.compression()), new PruneReport(out, false, 0, false));
    result.prune(p);
    note("prune freed " + Units.bytes(p.freedBytes()));
  }

  /** Restores the selected snapshot; false when the repository has none (bootstrap). */
  boolean restore() throws IOException {
    Operations o = operations(true);
    out.println("=== Starting restore ===");
    List<SnapshotRef> all = o.snapshots(List.of(), SnapshotFilter.ALL);
    Optional<SnapshotRef> chosen =
        SnapshotSelector.select(all, env.restoreAsOf(), env.selectPrevious());
    if (chosen.isEmpty()) {
      if (all.isEmpty()) {
        out.println("No eligible snapshots found");
        out.println("=== No data will be restored ===");
        result.restoreSkipped();
        note("the repository has no snapshot: nothing restored");
        return false;
      }
      throw new MoverFailure(Outcome.NO_SNAPSHOT, noMatch(all), null);
    }
    SnapshotRef s = chosen.get();
    if (env.restoreDelete()) {
      out.println("RESTORE_OPTIONS: --delete");
    }
    out.println("Selected restic snapshot with id: " + s.id().hex());
    RestoreRequest request = new RestoreRequest(s.id().hex(), SnapshotFilter.ALL, "",
        env.dataDir(), List.of(), List.of("/" + LOST_FOUND), env.restoreDelete(), false, true);
    RestoreOutcome r = o.restore(request, x -> { });
    for (String e : r.result().errors()) {
      out.warn("ignoring error for " + e);
    }
    out.println("restored " + r.result().files() + " files, " + Units.bytes(r.result().bytes())
        + " in " + Units.duration(r.duration().toSeconds()));
    result.restore(r);
    if (!r.complete()) {
      throw new MoverFailure(Outcome.FAILED, r.result().errors().size()
          + " items could not be restored, first: " + r.result().errors().get(0), null);
    }
    syncFileSystem();
    note("restored snapshot " + s.id().shortHex() + " of "
        + s.snapshot().time().toInstant() + ": " + r.result().files() + " files, "
        + Units.bytes(r.result().bytes()));
    return true;
  }

  private String noMatch(List<SnapshotRef> all) {
    List<SnapshotRef> data = SnapshotSelector.candidates(all);
    String selection = (env.restoreAsOf() == null ? "" : "RESTORE_AS_OF=" + env.restoreAsOf()
        + " ") + "SELECT_PREVIOUS=" + env.selectPrevious();
    if (data.isEmpty()) {
      return "no snapshot of " + SnapshotSelector.DATA_PATH + " among the repository's "
          + all.size() + " snapshots";
    }
    return "no snapshot of " + SnapshotSelector.DATA_PATH + " matches " + selection + ": "
        + data.size() + " snapshots from " + data.get(data.size() - 1).snapshot().time()
        .toInstant() + " to " + data.get(0).snapshot().time().toInstant();
  }

  /** {@code sync -f DATA_DIR}, as {@code entry.sh}: the restored data reaches the disk. */
  private void syncFileSystem() {
    try {
      Process p = new ProcessBuilder("sync", "-f", env.dataDir().toString())
          .redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes()).strip();
      if (p.waitFor() != 0) {
        out.warn("warning: sync -f " + env.dataDir() + " failed: " + text);
      }
    } catch (IOException e) {
      out.warn("warning: cannot run sync -f " + env.dataDir() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True when {@code dir} holds nothing but {@code lost+found}. */
  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new MoverFailure(Outcome.FAILED, "DATA_DIR " + dir + " is not a directory", null);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.allMatch(p -> p.getFileName().toString().equals(LOST_FOUND));
    }
  }

  private void note(String s) {
    summary.append(summary.length() == 0 ? "" : "; ").append(s);
  }

  /** Requests made so far to the store. */
  dev.cairn.backend.RequestStats requests() {
    return locator.requestStats();
  }

  @Override
  public void close() throws IOException {
    if (repo != null) {
      repo.close();
    }
  }
}
