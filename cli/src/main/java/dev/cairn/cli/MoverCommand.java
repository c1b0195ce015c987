package dev.cairn.cli;

import dev.cairn.cli.mover.Mover;
import dev.cairn.core.HostIdentity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn mover ACTION...}: Volsync's restic mover contract, configured by the environment
 * alone (see {@code docs/mover-result.md}).
 */
@Command(name = "mover",
    description = "Run as Volsync's restic mover: ACTION is unlock, backup, prune or restore; "
        + "configured by DATA_DIR, RESTIC_REPOSITORY, RESTIC_PASSWORD, RESTIC_CACHE_DIR, "
        + "PRIVILEGED_MOVER and the optional FORGET_OPTIONS, RESTORE_AS_OF, SELECT_PREVIOUS, "
        + "RESTORE_OPTIONS, CUSTOM_CA; prints a JSON result as the last line")
final class MoverCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(arity = "0..*", paramLabel = "ACTION", description = "unlock, backup, prune, restore")
  List<String> actions = new ArrayList<>();

  @Override
  public Integer call() {
    return new Mover(main.env(), main.out(), "cairn " + VersionCommand.VERSION,
        HostIdentity.current().hostname(), Clock.systemUTC()).run(actions);
  }
}
