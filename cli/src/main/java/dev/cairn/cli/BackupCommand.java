package dev.cairn.cli;

import dev.cairn.cli.report.BackupPrinter;
import dev.cairn.cli.report.BackupSummaryPrinter;
import dev.cairn.cli.repo.RepositoryLocator;
import dev.cairn.core.CairnException;
import dev.cairn.filter.PathPatterns;
import dev.cairn.operation.BackupOutcome;
import dev.cairn.operation.BackupRequest;
import dev.cairn.operation.BackupSource;
import dev.cairn.repository.Repository;
import java.nio.file.Path;
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
    List<String> patterns = new ArrayList<>(excludes);
    patterns.addAll(PathPatterns.readFiles(excludeFiles));
    boolean json = main.global().json;
    int verbosity = main.global().verbosity();
    RepositoryLocator loc = main.locator();
    BackupSource source = stdin ? new BackupSource.Stdin(main.stdin(), stdinFilename)
        : new BackupSource.Paths(paths);
    BackupRequest request = BackupRequest.of(source)
        .withHostname(host)
        .withTags(tags)
        .withExcludes(patterns)
        .withScan(oneFileSystem, ignoreCtime, ignoreInode)
        .withParent(parent, force)
        .withTime(time == null ? null : LocalDateTime.parse(time,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).atZone(ZoneId.systemDefault())
            .toInstant())
        .withDryRun(dryRun)
        .withSizes(readConcurrency, loc.packSize())
        .withProgramVersion("cairn " + VersionCommand.VERSION);
    BackupOutcome outcome;
    try (Repository repo = loc.open();
        BackupPrinter printer = new BackupPrinter(main.out(), json, verbosity,
            BackupPrinter.fps(main.env()))) {
      outcome = main.operations(repo).backup(request, printer);
    }
    new BackupSummaryPrinter(main.out(), json, verbosity).print(outcome.summary(),
        outcome.snapshotId(), dryRun, outcome.duration().toMillis(), loc.requestStats());
    if (outcome.partial()) {
      if (!json) {
        main.out().warn("Warning: at least one source file could not be read");
      }
      return ExitCodes.PARTIAL;
    }
    return ExitCodes.OK;
  }
}
