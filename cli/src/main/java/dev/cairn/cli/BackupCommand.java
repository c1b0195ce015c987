package dev.cairn.cli;

import dev.cairn.backup.ArchiveResult;
import dev.cairn.backup.Archiver;
import dev.cairn.backup.ArchiverOptions;
import dev.cairn.backup.DryRunSaver;
import dev.cairn.backup.Scanner;
import dev.cairn.backup.StdinArchiver;
import dev.cairn.chunker.Polynomial;
import dev.cairn.core.BlobSaver;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.HostIdentity;
import dev.cairn.core.Id;
import dev.cairn.filter.PathPatterns;
import dev.cairn.fs.FileScanner;
import dev.cairn.repository.PackUploader;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotSummary;
import dev.cairn.tree.Timestamp;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn backup}: backs up files and directories into a new snapshot. */
@Command(name = "backup", description = "Create a new backup of files and/or directories")
final class BackupCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "files and directories to back up")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-H", "--host"}, description = "hostname to record (default: this host)")
  String host;

  @Option(names = "--tag", split = ",", description = "add tags (repeatable, comma-separated)")
  List<String> tags = new ArrayList<>();

  @Option(names = {"-e", "--exclude"}, description = "exclude a pattern (repeatable)")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--exclude-file", description = "read exclude patterns from a file (repeatable)")
  List<Path> excludeFiles = new ArrayList<>();

  @Option(names = {"-x", "--one-file-system"}, description = "exclude other file systems")
  boolean oneFileSystem;

  @Option(names = "--parent", description = "use this parent snapshot (default: latest of host and paths)")
  String parent;

  @Option(names = {"-f", "--force"}, description = "read all files even if unchanged")
  boolean force;

  @Option(names = "--time", description = "time of the snapshot (format \"2006-01-02 15:04:05\")")
  String time;

  @Option(names = "--stdin", description = "read the backup from standard input")
  boolean stdin;

  @Option(names = "--stdin-filename", description = "file name for --stdin (default: stdin)")
  String stdinFilename = "stdin";

  @Option(names = {"-n", "--dry-run"}, description = "do not upload or write anything")
  boolean dryRun;

  @Option(names = "--ignore-ctime", description = "ignore ctime changes when checking for modified files")
  boolean ignoreCtime;

  @Option(names = "--ignore-inode", description = "ignore inode changes when checking for modified files")
  boolean ignoreInode;

  @Option(names = "--read-concurrency", description = "files to read at once (default 2)")
  int readConcurrency = 2;

  @Override
  public Integer call() throws Exception {
    if (stdin == !paths.isEmpty()) {
      throw new CairnException(stdin ? "--stdin and PATH arguments cannot be used together"
          : "nothing to back up, please specify source files/dirs");
    }
    Instant started = Instant.now();
    Timestamp when = time == null ? Timestamp.of(started, ZoneId.systemDefault())
        : Timestamp.of(LocalDateTime.parse(time, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
            .atZone(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault());
    List<String> patterns = new ArrayList<>(excludes);
    patterns.addAll(PathPatterns.readFiles(excludeFiles));
    Output out = main.out();
    boolean json = main.global().json;
    RepositoryLocator loc = main.locator();
    try (Repository repo = loc.open();
        LockScope lock = LockScope.acquire(main, repo, false, false)) {
      if (!json && main.global().verbosity() >= 0) {
        out.println("repository " + repo.config().id().substring(0, 8) + " opened (version "
            + repo.config().version() + ")");
      }
      repo.loadIndex();
      HostIdentity me = HostIdentity.current();
      String hostname = host != null ? host : me.hostname();
      List<String> absPaths = paths.stream().map(p -> p.toAbsolutePath().normalize().toString())
          .sorted().toList();
      SnapshotFinder.Found parentSnap = stdin || force ? null
          : new ParentChooser(new SnapshotFinder(repo)).choose(parent, hostname, absPaths);
      if (!json && main.global().verbosity() >= 0) {
        out.println(parentSnap == null ? "no parent snapshot found, will read all files"
            : "using parent snapshot " + parentSnap.id().shortHex());
      }
      Polynomial pol = Polynomial.parse(repo.config().chunkerPolynomial());
      try (PackUploader uploader = repo.newUploader(loc.packSize());
          BackupPrinter printer = new BackupPrinter(out, json, main.global().verbosity())) {
        DryRunSaver dry = dryRun ? new DryRunSaver(uploader) : null;
        BlobSaver saver = dryRun ? dry : uploader;
        ArchiveResult result;
        if (stdin) {
          result = new StdinArchiver(saver).archive(main.stdin(), stdinFilename, pol, printer);
        } else {
          FileScanner fs = new FileScanner();
          ArchiverOptions opts = new ArchiverOptions(new PathPatterns(patterns), oneFileSystem,
              ignoreCtime, ignoreInode, readConcurrency, Runtime.getRuntime().availableProcessors());
          // the scan only feeds the progress totals: a cron job's backup does without it
          Thread scan = new Thread(() -> new Scanner(fs, opts.excludes()).scan(paths, printer),
              "cairn-scan");
          scan.setDaemon(true);
          if (printer.showsProgress()) {
            scan.start();
          }
          result = new Archiver(saver, repo, fs, opts, printer)
              .archive(paths, parentSnap == null ? null : parentSnap.snapshot().tree(), pol);
          scan.interrupt();
        }
        Id snapshotId = null;
        if (!dryRun) {
          uploader.flush();
        }
        Instant ended = Instant.now();
        SnapshotSummary summary = new SnapshotSummary(
            Timestamp.of(started, ZoneId.systemDefault()), Timestamp.of(ended, ZoneId.systemDefault()),
            result.stats().filesNew(), result.stats().filesChanged(), result.stats().filesUnmodified(),
            result.stats().dirsNew(), result.stats().dirsChanged(), result.stats().dirsUnmodified(),
            dryRun ? dry.dataBlobs() : uploader.stats().dataBlobs(),
            dryRun ? dry.treeBlobs() : uploader.stats().treeBlobs(),
            dryRun ? dry.bytes() : uploader.stats().dataAdded(),
            dryRun ? dry.bytes() : uploader.stats().dataAddedPacked(),
            result.stats().filesProcessed(), result.stats().bytesProcessed());
        if (!dryRun) {
          Snapshot sn = new Snapshot(when, parentSnap == null ? null : parentSnap.id(),
              result.tree(), result.paths(), hostname, me.username(), Math.max(0, me.uid()),
              Math.max(0, me.gid()), patterns, tags, null, "cairn " + VersionCommand.VERSION,
              summary);
          snapshotId = repo.saveUnpacked(FileType.SNAPSHOT, sn.encode());
        }
        printer.close();
        new BackupSummaryPrinter(out, json, main.global().verbosity())
            .print(summary, snapshotId, dryRun, ended.toEpochMilli() - started.toEpochMilli(),
                loc.requestStats());
        if (!result.errors().isEmpty()) {
          if (!json) {
            out.warn("Warning: at least one source file could not be read");
          }
          return ExitCodes.PARTIAL;
        }
      }
    }
    return ExitCodes.OK;
  }
}
