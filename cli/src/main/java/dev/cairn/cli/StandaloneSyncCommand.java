package dev.cairn.cli;

import dev.cairn.operator.api.v1alpha1.SyncResult;
import dev.cairn.operator.reconcile.SyncStatus;
import dev.cairn.operator.sync.GoDuration;
import dev.cairn.standalone.ManifestLoader;
import dev.cairn.standalone.Managed;
import dev.cairn.standalone.MoverLauncher;
import dev.cairn.standalone.ResourceKey;
import dev.cairn.standalone.ServiceLock;
import dev.cairn.standalone.Standalone;
import dev.cairn.standalone.StandaloneOptions;
import dev.cairn.standalone.SyncWait;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn standalone sync NAME}: runs a ReplicationSource or ReplicationDestination now,
 * through the running service when there is one, else in this process, and waits for it.
 */
@Command(name = "sync", description = "Run a ReplicationSource or ReplicationDestination now"
    + " and wait for its result")
final class StandaloneSyncCommand implements Callable<Integer> {
  @ParentCommand StandaloneCommand parent;

  @Parameters(paramLabel = "NAME", description = "the resource's name")
  String name;

  @Option(names = {"-n", "--namespace"}, description = "its namespace (default: the only"
      + " resource of that name)")
  String namespace;

  @Option(names = "--timeout", defaultValue = "1h", description = "how long to wait (default"
      + " ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() throws Exception {
    StandaloneOptions options = parent.options();
    List<Managed> found = new ManifestLoader().load(options.config()).resources().stream()
        .filter(m -> m.key().name().equals(name)
            && (namespace == null || m.key().namespace().equals(namespace))).toList();
    if (found.size() != 1) {
      parent.main.out().warn("cairn standalone sync: " + (found.isEmpty()
          ? "no ReplicationSource or ReplicationDestination " + name + " in " + options.config()
          : "several resources are named " + name + ": " + found.stream()
              .map(m -> m.key().toString()).toList() + "; choose one with --namespace"));
      return ExitCodes.FATAL;
    }
    ResourceKey key = found.get(0).key();
    Duration limit = GoDuration.parse(timeout);
    SyncResult result;
    try (ServiceLock lock = ServiceLock.tryTake(options)) {
      if (lock != null) {
        SyncStatus st = new Standalone(options, Clock.systemUTC(),
            new MoverLauncher(StandaloneCommand.cairnCommand()), System.out).syncNow(key, limit);
        result = st.lastResult;
      } else {
        parent.main.out().println("asking the running cairn standalone to sync " + key);
        result = new SyncWait(options).askAndWait(key, limit);
      }
    } catch (IllegalStateException e) {
      parent.main.out().warn("cairn standalone sync: " + e.getMessage());
      return ExitCodes.FATAL;
    }
    if (result == null) {
      parent.main.out().warn("cairn standalone sync: " + key + " did not run");
      return ExitCodes.FATAL;
    }
    parent.main.out().println(key + ": " + result.outcome() + ": " + result.message());
    return "ok".equals(result.outcome()) || "partial".equals(result.outcome())
        || "skipped-empty".equals(result.outcome()) ? ExitCodes.OK : ExitCodes.FATAL;
  }
}
