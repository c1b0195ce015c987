package dev.cairn.cli.mover;

import dev.cairn.cli.report.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code cairn mover ACTION...}: checks the environment, runs the actions in order (stopping at
 * the first failure, as {@code entry.sh} under {@code set -e}), prints restic's lines, and ends
 * with the JSON result on the last line of stdout and in {@code TERMINATION_MESSAGE_PATH}.
 * Returns the exit code of the result's class.
 */
public final class Mover {
  private final Map<String, String> environment;
  private final Output out;
  private final String programVersion;
  private final String hostname;
  private final Clock clock;

  /**
   * @param environment the process environment (injectable for tests)
   * @param programVersion recorded in snapshots, e.g. {@code cairn 0.1.0}
   * @param hostname this pod's host name (its locks carry it)
   */
  public Mover(Map<String, String> environment, Output out, String programVersion,
      String hostname, Clock clock) {
    this.environment = environment;
    this.out = out;
    this.programVersion = programVersion;
    this.hostname = hostname;
    this.clock = clock;
  }

  /** Runs {@code actions}; returns the exit code. */
  public int run(List<String> actions) {
    Instant start = clock.instant();
    MoverResult result = new MoverResult(actions, start);
    out.println("Starting container");
    out.println(programVersion + " mover: " + String.join(" ", actions));
    Path termination = Path.of(environment.getOrDefault("TERMINATION_MESSAGE_PATH",
        "/dev/termination-log"));
    try {
      out.println("Testing mandatory env variables");
      MoverEnvironment env = MoverEnvironment.parse(environment, hostname);
      termination = env.terminationPath();
      List<MoverAction> parsed = MoverAction.parse(actions);
      if (env.debug()) {
        waitForDebugger(actions);
        result.end(Outcome.OK, 0, "DEBUG_MOVER: no action run");
      } else {
        perform(env, parsed, result);
      }
    } catch (Throwable t) { // every failure becomes a class and a result, never a stack trace
      MoverFailure f = Classifier.classify(t);
      result.end(f.outcome(), f.exitCode(), f.getMessage());
      out.warn("ERROR: " + f.getMessage());
      if (environment.get("CAIRN_DEBUG") != null) {
        t.printStackTrace();
      }
    }
    Instant end = clock.instant();
    out.println("Cairn mover completed in " + Duration.between(start, end).toSeconds() + "s");
    out.println("=== Done ===");
    String json = result.toJson(end);
    writeTermination(termination, json);
    out.println(json);
    return result.exitCode();
  }

  private void perform(MoverEnvironment env, List<MoverAction> actions, MoverResult result)
      throws IOException {
    boolean partial = false;
    boolean skipped = false;
    try (MoverRun run = new MoverRun(env, out, result, programVersion, hostname)) {
      try {
        for (MoverAction a : actions) {
          switch (a) {
            case UNLOCK -> run.unlock();
            case BACKUP -> skipped |= !run.backup();
            case PRUNE -> run.prune();
            case RESTORE -> skipped |= !run.restore();
          }
          result.done(a);
        }
        partial = result.partialBackup();
      } finally {
        result.requests(run.requests());
      }
      Outcome o = partial ? Outcome.PARTIAL : skipped ? Outcome.SKIPPED_EMPTY : Outcome.OK;
      result.end(o, o.exitCode(), run.summary());
    }
  }

  /**
   * {@code DEBUG_MOVER=1}: as Volsync's mover, wait (instead of running) until a person who
   * opened a shell in the pod removes the flag file.
   */
  private void waitForDebugger(List<String> actions) throws IOException, InterruptedException {
    Path flag = Path.of(environment.getOrDefault("TMPDIR", "/tmp"), "exit-debug-if-removed");
    Files.writeString(flag, "remove this file to end the debug pause\n");
    out.println("##################################################################");
    out.println("DEBUG_MOVER is enabled, this pod will wait until " + flag + " is removed.");
    out.println("To run the mover by hand: cairn mover " + String.join(" ", actions));
    out.println("##################################################################");
    while (Files.exists(flag)) {
      Thread.sleep(1000);
    }
    out.println("Debug done, exiting.");
  }

  private void writeTermination(Path path, String json) {
    try {
      Files.writeString(path, json, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      out.warn("warning: cannot write the termination message to " + path + ": "
          + e.getMessage() + " (the result is on the last line of the output)");
    }
  }
}
