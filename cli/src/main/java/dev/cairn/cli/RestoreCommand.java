package dev.cairn.cli;

import dev.cairn.cli.report.Output;
import dev.cairn.cli.report.Units;
import dev.cairn.cli.repo.RepositoryLocator;
import dev.cairn.operation.RestoreOutcome;
import dev.cairn.operation.RestoreRequest;
import dev.cairn.repository.Repository;
import dev.cairn.restore.RestoreResult;
import dev.cairn.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn restore}: restores a snapshot (or a directory of it) into a target directory. */
@Command(name = "restore", description = "Extract the data from a snapshot")
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(index = "0", paramLabel = "SNAPSHOT[:PATH]", description = "snapshot id prefix or latest")
  String snapshot;

  @Option(names = {"-t", "--target"}, required = true, description = "directory to restore to")
  Path target;

  @Option(names = {"-i", "--include"}, description = "restore only matching paths (repeatable)")
  List<String> includes = new ArrayList<>();

  @Option(names = {"-e", "--exclude"}, description = "leave out matching paths (repeatable)")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--delete", description = "delete files in the target that are not in the snapshot")
  boolean delete;

  @Option(names = "--verify", description = "verify restored files' content")
  boolean verify;

  @Option(names = "--no-sparse", description = "write zero blocks instead of leaving holes")
  boolean noSparse;

  @Mixin FilterOptions filters;

  @Override
  public Integer call() throws Exception {
    Output out = main.out();
    boolean json = main.global().json;
    boolean text = !json && main.global().verbosity() >= 0;
    String[] parts = snapshot.split(":", 2);
    RestoreRequest request = new RestoreRequest(parts[0], filters.filter(),
        parts.length > 1 ? parts[1] : "", target, includes, excludes, delete, verify, !noSparse);
    RepositoryLocator loc = main.locator();
    RestoreOutcome outcome;
    try (Repository repo = loc.open()) {
      outcome = main.operations(repo).restore(request, found -> {
        if (text) {
          Snapshot s = found.snapshot();
          out.println("restoring <Snapshot " + found.id().shortHex() + " of " + s.paths()
              + " at " + s.time().format() + " by " + s.username() + "@" + s.hostname()
              + "> to " + target);
        }
      });
    }
    RestoreResult r = outcome.result();
    for (String e : r.errors()) {
      out.warn("ignoring error for " + e);
    }
    long seconds = outcome.duration().toSeconds();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message_type", "summary");
      m.put("seconds_elapsed", seconds);
      m.put("files_restored", r.files());
      m.put("dirs_restored", r.dirs());
      m.put("bytes_restored", r.bytes());
      m.put("files_deleted", r.deleted());
      if (verify) {
        m.put("files_verified", r.verified());
      }
      m.put("error_count", r.errors().size());
      m.put("backend_requests", loc.requestStats().toMap());
      out.json(m);
    } else if (text) {
      if (verify) {
        out.println("verified " + r.verified() + " files");
      }
      out.println("restored " + r.files() + " files, " + Units.bytes(r.bytes()) + " in "
          + Units.duration(seconds));
    }
    if (!outcome.complete()) {
      out.warn("Fatal: There were " + r.errors().size() + " errors");
      return ExitCodes.FATAL;
    }
    return ExitCodes.OK;
  }
}
