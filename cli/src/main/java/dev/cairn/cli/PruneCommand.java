package dev.cairn.cli;

import dev.cairn.cli.report.PruneReport;
import dev.cairn.operation.PruneRequest;
import dev.cairn.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn prune}: removes data no snapshot needs, as {@code restic prune}: deletes
 * unreferenced and unused packs, repacks partly used ones and rewrites the index, under an
 * exclusive lock and in an order that survives being killed at any point.
 */
@Command(name = "prune", description = "Remove unneeded data from the repository")
final class PruneCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin PruneFlags flags;

  @Option(names = {"-n", "--dry-run"}, description = "do not modify the repository, just print what would be done")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PruneRequest request = flags.request(main, dryRun);
    try (Repository repo = main.locator().open()) {
      main.operations(repo).prune(request, new PruneReport(main.out(), main.global().json,
          main.global().verbosity(), dryRun));
    }
    return ExitCodes.OK;
  }
}
