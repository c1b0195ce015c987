package dev.cairn.operation;

import dev.cairn.backup.ArchiveResult;
import dev.cairn.backup.Archiver;
import dev.cairn.backup.ArchiverOptions;
import dev.cairn.backup.DryRunSaver;
import dev.cairn.backup.Scanner;
import dev.cairn.backup.StdinArchiver;
import dev.cairn.chunker.Polynomial;
import dev.cairn.core.BlobSaver;
import dev.cairn.core.FileType;
import dev.cairn.core.HostIdentity;
import dev.cairn.core.Id;
import dev.cairn.filter.PathPatterns;
import dev.cairn.fs.FileScanner;
import dev.cairn.repository.PackUploader;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.snapshot.SnapshotSummary;
import dev.cairn.tree.Timestamp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One backup under a shared lock: load the index, choose the parent, archive, flush the packs
 * and the index, save the snapshot (restic's write order: packs, index, snapshot).
 */
final class BackupOperation {
  private final Repository repo;
  private final LockOptions locks;

  BackupOperation(Repository repo, LockOptions locks) {
    this.repo = repo;
    this.locks = locks;
  }

  BackupOutcome run(BackupRequest req, BackupListener listener) throws IOException {
    Instant started = Instant.now();
    ZoneId zone = ZoneId.systemDefault();
    try (HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.APPEND, locks)) {
      listener.opened(repo.config());
      repo.loadIndex();
      HostIdentity me = HostIdentity.current();
      String hostname = req.hostname() != null ? req.hostname() : me.hostname();
      SnapshotRef parent = chooseParent(req, hostname);
      listener.parentChosen(parent);
      Polynomial pol = Polynomial.parse(repo.config().chunkerPolynomial());
      try (PackUploader uploader = repo.newUploader(req.packSize())) {
        DryRunSaver dry = req.dryRun() ? new DryRunSaver(uploader) : null;
        BlobSaver saver = req.dryRun() ? dry : uploader;
        ArchiveResult result = archive(req, saver, parent, pol, listener);
        if (!req.dryRun()) {
          uploader.flush();
        }
        Instant ended = Instant.now();
        SnapshotSummary summary = new SnapshotSummary(
            Timestamp.of(started, zone), Timestamp.of(ended, zone),
            result.stats().filesNew(), result.stats().filesChanged(),
            result.stats().filesUnmodified(), result.stats().dirsNew(),
            result.stats().dirsChanged(), result.stats().dirsUnmodified(),
            req.dryRun() ? dry.dataBlobs() : uploader.stats().dataBlobs(),
            req.dryRun() ? dry.treeBlobs() : uploader.stats().treeBlobs(),
            req.dryRun() ? dry.bytes() : uploader.stats().dataAdded(),
            req.dryRun() ? dry.bytes() : uploader.stats().dataAddedPacked(),
            result.stats().filesProcessed(), result.stats().bytesProcessed());
        Id snapshotId = null;
        if (!req.dryRun()) {
          Instant when = req.time() != null ? req.time() : started;
          Snapshot sn = new Snapshot(Timestamp.of(when, zone),
              parent == null ? null : parent.id(), result.tree(), result.paths(), hostname,
              me.username(), Math.max(0, me.uid()), Math.max(0, me.gid()), req.excludes(),
              req.tags(), null, req.programVersion(), summary);
          snapshotId = repo.saveUnpacked(FileType.SNAPSHOT, sn.encode());
        }
        return new BackupOutcome(snapshotId, parent, result.paths(), summary, result.errors(),
            Duration.between(started, Instant.now()), req.dryRun());
      }
    }
  }

  /** The explicit parent, else the latest of this host and these paths (none for stdin). */
  private SnapshotRef chooseParent(BackupRequest req, String hostname) throws IOException {
    if (req.force() || req.source() instanceof BackupSource.Stdin) {
      return null;
    }
    Snapshots snapshots = new Snapshots(repo);
    if (req.parent() != null) {
      return snapshots.find(req.parent(), SnapshotFilter.ALL);
    }
    return snapshots.latestOf(hostname, recordedPaths(req.source()));
  }

  /** The sorted paths a snapshot of {@code source} records (the parent must have the same). */
  private static List<String> recordedPaths(BackupSource source) {
    if (source instanceof BackupSource.Contents c) {
      return List.of(c.recordedPath());
    }
    return ((BackupSource.Paths) source).paths().stream()
        .map(p -> p.toAbsolutePath().normalize().toString()).sorted().toList();
  }

  private ArchiveResult archive(BackupRequest req, BlobSaver saver, SnapshotRef parent,
      Polynomial pol, BackupListener listener) throws IOException {
    if (req.source() instanceof BackupSource.Stdin in) {
      return new StdinArchiver(saver).archive(in.in(), in.filename(), pol, listener);
    }
    FileScanner fs = new FileScanner();
    ArchiverOptions opts = new ArchiverOptions(new PathPatterns(req.excludes()),
        req.oneFileSystem(), req.ignoreCtime(), req.ignoreInode(), req.readConcurrency(),
        Runtime.getRuntime().availableProcessors());
    Id parentTree = parent == null ? null : parent.snapshot().tree();
    Archiver archiver = new Archiver(saver, repo.treesOnce(), fs, opts, listener);
    List<Path> scanRoots = req.source() instanceof BackupSource.Contents c ? List.of(c.dir())
        : ((BackupSource.Paths) req.source()).paths();
    Thread scan = new Thread(() -> new Scanner(fs, opts.excludes()).scan(scanRoots, listener),
        "cairn-scan");
    scan.setDaemon(true);
    if (listener.wantsTotals()) {
      scan.start();
    }
    try {
      if (req.source() instanceof BackupSource.Contents c) {
        return archiver.archiveContents(c.dir(), c.recordedPath(), parentTree, pol);
      }
      return archiver.archive(((BackupSource.Paths) req.source()).paths(), parentTree, pol);
    } finally {
      scan.interrupt();
    }
  }
}
