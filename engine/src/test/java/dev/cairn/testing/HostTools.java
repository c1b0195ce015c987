package dev.cairn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host's tools, for what Java cannot do itself: coreutils for modes with setuid, setgid and
 * sticky bits, ownership, device nodes and allocated size; and small embedded Python 3 scripts
 * wherever Java's String-based paths fall short (file names that are not valid UTF-8) or {@code
 * lstat} fields Java does not expose (st_blocks, st_rdev, nanosecond times on every file type).
 */
final class HostTools {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private HostTools() {}

  /** Whether this JVM runs with uid 0. */
  static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** {@code chmod} with all twelve permission bits ({@code mode} is e.g. {@code 04755}). */
  static void chmod(Path path, int mode) {
    exec("chmod", Integer.toOctalString(mode), path.toString());
  }

  /** Bytes the file system allocated for {@code file} (st_blocks * 512). */
  static long allocatedBytes(Path file) {
    String out = exec("stat", "-c", "%b %B", file.toString()).stdoutText().strip();
    String[] parts = out.split(" ");
    return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
  }

  /** Runs a command, failing with its stderr on a non-zero exit. */
  static ResticBinary.Result exec(String... command) {
    return Subprocess.run(new ProcessBuilder(List.of(command)), TIMEOUT).assertOk();
  }

  /** {@code /usr/bin/python3} if present (Debian), else {@code python3} from PATH. */
  static String python() {
    Path debian = Path.of("/usr/bin/python3");
    return Files.isExecutable(debian) ? debian.toString() : "python3";
  }

  /** Runs {@code python3 -c script args...}, failing with its stderr on a non-zero exit. */
  static ResticBinary.Result python(String script, String... args) {
    List<String> command = new ArrayList<>(List.of(python(), "-c", script));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PYTHONIOENCODING", "utf-8");
    builder.environment().put("LC_ALL", "C.UTF-8");
    return Subprocess.run(builder, TIMEOUT).assertOk();
  }
}
