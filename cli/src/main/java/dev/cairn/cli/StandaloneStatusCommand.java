package dev.cairn.cli;

import dev.cairn.standalone.ManifestLoader;
import dev.cairn.standalone.Manifests;
import dev.cairn.standalone.StandaloneOptions;
import dev.cairn.standalone.StateFile;
import dev.cairn.standalone.StatusTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cairn standalone status}: the resources and their recorded status. */
@Command(name = "status", description = "Show the resources of the configuration and their"
    + " status, as kubectl get replicationsource,replicationdestination -A does")
final class StandaloneStatusCommand implements Callable<Integer> {
  @ParentCommand StandaloneCommand parent;

  @Option(names = "--output", description = "yaml or json: every resource with its full status"
      + " (also -o yaml, -o json)")
  String output;

  @Override
  public Integer call() {
    StandaloneOptions options = parent.options();
    // -o is restic's extended option, inherited by every command: here it names the format
    for (String o : parent.main.global().extended) {
      if (output == null && !o.contains("=")) {
        output = o;
      }
    }
    Manifests manifests = new ManifestLoader().load(options.config());
    StatusTable table = new StatusTable(manifests, new StateFile(options.stateFile()));
    if (output == null) {
      parent.main.out().println(table.table().stripTrailing());
    } else if (output.equals("yaml") || output.equals("json")) {
      parent.main.out().println(table.full(output.equals("yaml")).stripTrailing());
    } else {
      parent.main.out().warn("cairn standalone status: -o " + output + ": want yaml or json");
      return ExitCodes.FATAL;
    }
    for (String p : manifests.problems()) {
      parent.main.out().warn("problem: " + p);
    }
    return ExitCodes.OK;
  }
}
