package dev.cairn.cli;

import dev.cairn.operator.restore.PvcRestorer;
import dev.cairn.operator.restore.RestoreFailedException;
import dev.cairn.operator.restore.RestoreRequest;
import dev.cairn.operator.restore.StepHook;
import dev.cairn.operator.sync.GoDuration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn restore-pvc}: restores a PVC in place from its backups, in one step, with
 * rollback. Parses the options and runs {@link PvcRestorer} against the cluster kubectl would
 * use.
 */
@Command(name = "restore-pvc",
    description = {"Restore a PVC in place from a restic snapshot: restore into a new PVC"
        + " through a ReplicationDestination while the workloads still run (so a missing"
        + " snapshot refuses before anything is disturbed), then scale the Deployments and"
        + " StatefulSets that mount it to zero, bind the restored volume to a PVC of the"
        + " original name (the old volume is kept with reclaim policy Retain), and scale them"
        + " back. Any failure rolls back: the original PVC on its original volume, replicas"
        + " as before.",
        "The repository is the one of the ReplicationSource backing the PVC up, or of"
        + " --from's ReplicationDestination. Refuses an unknown PVC, no or several backing"
        + " sources, a source mid-run, and pods without a controller mounting the PVC."})
final class RestorePvcCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--namespace", required = true, description = "the PVC's namespace")
  String namespace;

  @Option(names = "--pvc", required = true, description = "the PVC to restore")
  String pvc;

  @Option(names = "--as-of", description = "restore the newest snapshot at or before this"
      + " time (RFC 3339)")
  String asOf;

  @Option(names = "--previous", description = "restore the snapshot N before the newest")
  Integer previous;

  @Option(names = "--from", description = "take the repository and mover settings from this"
      + " ReplicationDestination")
  String from;

  @Option(names = "--dry-run", description = "list the steps and the objects they would touch;"
      + " change nothing")
  boolean dryRun;

  @Option(names = "--timeout", defaultValue = "10m", description = "bound of each wait (the"
      + " restore, the pods going, binding), Go's syntax: 90s, 10m, 1h30m (default"
      + " ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() {
    RestoreRequest request;
    try {
      request = new RestoreRequest(namespace, pvc, asOf, previous, from, dryRun,
          GoDuration.parse(timeout));
    } catch (IllegalArgumentException e) {
      main.out().warn("cairn restore-pvc: " + e.getMessage());
      return ExitCodes.FATAL;
    }
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      new PvcRestorer(client, Clock.systemUTC(), main.out()::println, StepHook.NONE)
          .run(request);
      return ExitCodes.OK;
    } catch (RestoreFailedException e) {
      main.out().warn("cairn restore-pvc: " + e.getMessage());
      return ExitCodes.FATAL;
    }
  }
}
