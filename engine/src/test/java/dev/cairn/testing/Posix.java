package dev.cairn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The few POSIX operations Java cannot do itself, done with coreutils: modes with setuid, setgid
 * and sticky bits, ownership, device nodes, allocated size.
 */
final class Posix {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private Posix() {}

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
}
