package dev.cairn.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs small embedded Python 3 scripts. The harness uses Python wherever Java's String-based
 * paths fall short: file names that are not valid UTF-8, and {@code lstat} fields Java does not
 * expose (st_blocks, st_rdev, nanosecond times on every file type).
 */
final class Python {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private Python() {}

  /** {@code /usr/bin/python3} if present (Debian), else {@code python3} from PATH. */
  static String executable() {
    Path debian = Path.of("/usr/bin/python3");
    return Files.isExecutable(debian) ? debian.toString() : "python3";
  }

  /** Runs {@code python3 -c script args...} and returns its result, asserting exit code 0. */
  static ResticBinary.Result run(String script, String... args) {
    List<String> command = new ArrayList<>(List.of(executable(), "-c", script));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PYTHONIOENCODING", "utf-8");
    builder.environment().put("LC_ALL", "C.UTF-8");
    return Subprocess.run(builder, TIMEOUT).assertOk();
  }
}
