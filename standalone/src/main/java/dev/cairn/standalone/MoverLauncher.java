package dev.cairn.standalone;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code cairn mover ACTION...} as a child process: the same contract as a mover Job's
 * container (the environment in, the JSON result in {@code TERMINATION_MESSAGE_PATH} and as the
 * last line of its output).
 */
public final class MoverLauncher {
  private final List<String> command;

  /** @param command the {@code cairn} command, e.g. {@code [java, -cp, JAR, dev.cairn.cli.Main]} */
  public MoverLauncher(List<String> command) {
    this.command = List.copyOf(command);
  }

  /**
   * Starts the mover with exactly {@code env} (plus {@code PATH}, {@code HOME} and the locale of
   * this process), its output appended to {@code log}.
   */
  public Process start(List<String> actions, Map<String, String> env, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>(command);
    cmd.add("mover");
    cmd.addAll(actions);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> e = pb.environment();
    Map<String, String> keep = new java.util.HashMap<>();
    for (String k : List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME", "TZ")) {
      if (e.get(k) != null) {
        keep.put(k, e.get(k));
      }
    }
    e.clear();
    e.putAll(keep);
    e.putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }
}
