package dev.cairn.cli;

import dev.cairn.operator.OperatorOptions;
import dev.cairn.standalone.StandaloneOptions;
import dev.cairn.standalone.StandaloneService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn standalone}: runs the ReplicationSources and ReplicationDestinations of a
 * directory on this host until stopped; {@code status} and {@code sync} are its subcommands.
 */
@Command(name = "standalone", subcommands = {StandaloneStatusCommand.class,
    StandaloneSyncCommand.class},
    description = "Run the ReplicationSources and ReplicationDestinations of a directory on this"
        + " host, without Kubernetes: volumes are directories, each run a cairn mover process")
final class StandaloneCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--config", scope = picocli.CommandLine.ScopeType.INHERIT, defaultValue = "/etc/cairn", description = "the directory of the"
      + " YAML files (Secrets, ReplicationSources, ReplicationDestinations); its .cairn/ keeps"
      + " the state (default ${DEFAULT-VALUE})")
  Path config;

  @Option(names = "--volumes", scope = picocli.CommandLine.ScopeType.INHERIT, description = "root of the volumes: a claim NAME of namespace NS"
      + " is ROOT/NS/NAME (default: CONFIG/volumes)")
  Path volumes;

  @Option(names = "--metrics-address", defaultValue = "127.0.0.1:9090", description = "serve"
      + " /metrics here; \"off\" for nowhere (default ${DEFAULT-VALUE})")
  String metricsAddress;

  @Option(names = "--snapshot-command", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "shell command making a point-in-time"
      + " copy of $SOURCE at $TARGET, for copyMethod Snapshot and Clone, e.g."
      + " 'btrfs subvolume snapshot \"$SOURCE\" \"$TARGET\"'")
  String snapshotCommand;

  StandaloneOptions options() {
    Path dir = config.toAbsolutePath().normalize();
    return new StandaloneOptions(dir, volumes == null ? dir.resolve("volumes")
        : volumes.toAbsolutePath().normalize(),
        "off".equals(metricsAddress) ? null : OperatorOptions.address(metricsAddress),
        snapshotCommand == null || snapshotCommand.isBlank() ? null : snapshotCommand);
  }

  /** How this process runs {@code cairn}: the same JVM and class path. */
  static List<String> cairnCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("-XX:+UseSerialGC", "-Xss2m", "--add-opens",
        "java.base/sun.nio.fs=ALL-UNNAMED"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    return cmd;
  }

  @Override
  public Integer call() throws Exception {
    StandaloneOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      main.out().warn("cairn standalone: " + e.getMessage());
      return ExitCodes.FATAL;
    }
    if (!java.nio.file.Files.isDirectory(options.config())) {
      main.out().warn("cairn standalone: configuration directory " + options.config()
          + " does not exist");
      return ExitCodes.FATAL;
    }
    StandaloneService service;
    try {
      service = StandaloneService.start(options, Clock.systemUTC(), cairnCommand(), System.out);
    } catch (IllegalStateException | java.io.IOException e) {
      main.out().warn("cairn standalone: " + e.getMessage());
      return ExitCodes.FATAL;
    }
    main.out().println("cairn standalone " + VersionCommand.VERSION + ": configuration "
        + options.config() + ", volumes " + options.volumes() + ", state "
        + options.stateFile() + (options.metrics() == null ? ""
            : ", metrics on http://" + options.metrics().getHostString() + ":"
                + service.metricsPort() + "/metrics"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
        stopped.await();
      } catch (Exception e) {
        // stopping anyway
      }
    }, "cairn-standalone-stop"));
    try {
      service.run();
    } finally {
      stopped.countDown();
    }
    return ExitCodes.OK;
  }
}
