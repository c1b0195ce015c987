package dev.cairn.cli;

import dev.cairn.cli.report.SnapshotListing;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.SnapshotRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn snapshots}: lists snapshots, as a table or restic's JSON array. */
@Command(name = "snapshots", description = "List all snapshots")
final class SnapshotsCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "only these snapshots")
  List<String> ids = new ArrayList<>();

  @Mixin FilterOptions filters;

  @Override
  public Integer call() throws Exception {
    List<SnapshotRef> list;
    try (Repository repo = main.locator().open()) {
      list = main.operations(repo).snapshots(ids, filters.filter());
    }
    if (main.global().json) {
      SnapshotListing.printJson(main.out(), list);
    } else {
      SnapshotListing.printTable(main.out(), list);
    }
    return ExitCodes.OK;
  }
}
