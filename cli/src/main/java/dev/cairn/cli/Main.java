package dev.cairn.cli;

import dev.cairn.cli.repo.RepositoryLocator;
import dev.cairn.operation.LockOptions;
import dev.cairn.operation.Operations;
import dev.cairn.repository.Repository;
import dev.cairn.repository.StaleLockPolicy;
import dev.cairn.cli.report.Output;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** Entry point of the {@code cairn} command. */
@Command(
    name = "cairn",
    // every command gets -h/--help (and -V/--version), as restic's commands have --help
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Fast, restic-compatible backups of volumes to local disk and object storage.",
    subcommands = {
      InitCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      SnapshotsCommand.class,
      LsCommand.class,
      CatCommand.class,
      CheckCommand.class,
      ForgetCommand.class,
      PruneCommand.class,
      MigrateCommand.class,
      UnlockCommand.class,
      KeyCommand.class,
      DiffCommand.class,
      StatsCommand.class,
      MoverCommand.class,
      OperatorCommand.class,
      RestorePvcCommand.class,
      StandaloneCommand.class,
      VersionCommand.class,
      CdsTrainingCommand.class
    })
public final class Main implements Runnable {
  @Mixin GlobalOptions global;

  private final Map<String, String> env;
  private final Output out;
  private final InputStream stdin;

  Main(Map<String, String> env, Output out, InputStream stdin) {
    this.env = env;
    this.out = out;
    this.stdin = stdin;
  }

  InputStream stdin() {
    return stdin;
  }

  GlobalOptions global() {
    return global;
  }

  Map<String, String> env() {
    return env;
  }

  Output out() {
    return out;
  }

  RepositoryLocator locator() {
    return new RepositoryLocator(global.settings(), env, out::warn);
  }

  /** How commands lock: {@code --retry-lock}, {@code --no-lock}, restic's stale rule. */
  LockOptions lockOptions() {
    return new LockOptions(global.retryLockDuration(), global.noLock, StaleLockPolicy.RESTIC,
        out::warn);
  }

  /** The operations on {@code repo}, locking as the global options say. */
  Operations operations(Repository repo) {
    return new Operations(repo, lockOptions());
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Runs {@code args} as a {@code cairn} command line and returns the exit code. */
  public static int run(String[] args, Map<String, String> env, OutputStream rawOut, OutputStream rawErr) {
    return run(args, env, System.in, rawOut, rawErr);
  }

  /** Like {@link #run(String[], Map, OutputStream, OutputStream)} with its own standard input. */
  public static int run(String[] args, Map<String, String> env, InputStream stdin,
      OutputStream rawOut, OutputStream rawErr) {
    PrintWriter stdout = new PrintWriter(rawOut, false, StandardCharsets.UTF_8);
    PrintWriter stderr = new PrintWriter(rawErr, true, StandardCharsets.UTF_8);
    Output out = new Output(rawOut, stdout, stderr);
    Main main = new Main(env, out, stdin);
    CommandLine cl = new CommandLine(main);
    cl.setOut(stdout);
    cl.setErr(stderr);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          out.fatal(ex);
          return ExitCodes.of(ex);
        });
    int code = cl.execute(args);
    stdout.flush();
    stderr.flush();
    return code;
  }

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    System.exit(code);
  }
}
