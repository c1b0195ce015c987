package dev.cairn.cli;

import dev.cairn.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn unlock}: removes stale locks (older than 30 minutes, or left on this host by a
 * process that is gone), or every lock with {@code --remove-all}. Takes no lock itself.
 */
@Command(name = "unlock", description = "Remove locks other processes created")
final class UnlockCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--remove-all", description = "remove all locks, even non-stale ones")
  boolean removeAll;

  @Override
  public Integer call() throws Exception {
    try (Repository repo = main.locator().open()) {
      int n = main.operations(repo).unlock(removeAll);
      if (!main.global().quiet) {
        main.out().println("successfully removed " + n + " locks");
      }
    }
    return ExitCodes.OK;
  }
}
