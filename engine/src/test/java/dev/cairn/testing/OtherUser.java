package dev.cairn.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Running a Cairn process as another user ({@code nobody}, through {@code setpriv}), for tests of
 * what a non-root mover cannot read: needs root, and a class path that user can read.
 */
public final class OtherUser {
  /** The user and group the process runs as. */
  public static final int NOBODY = 65534;
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private OtherUser() {}

  /** Whether this JVM runs as root. */
  public static boolean isRoot() throws IOException {
    return "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
  }

  /** Whether a test can run a process as {@code nobody}: root, with setpriv installed. */
  public static boolean available() throws IOException {
    return isRoot() && Files.isExecutable(SETPRIV);
  }

  /** The command prefix that runs what follows as {@code nobody}. */
  public static List<String> prefix() {
    return List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
        "--clear-groups", "--");
  }

  /**
   * Copies this JVM's class path entries below {@code dir}, readable by all (a root user's Maven
   * repository is not), and returns the new class path.
   */
  public static String readableClassPath(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> out = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path from = Path.of(entry);
      if (entry.isEmpty() || !Files.exists(from)) {
        continue;
      }
      Path to = dir.resolve(i++ + "-" + from.getFileName());
      if (Files.isDirectory(from)) {
        run(List.of("cp", "-r", from.toString(), to.toString()));
      } else {
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
      }
      out.add(to.toString());
    }
    makeWorldReadable(dir);
    return String.join(File.pathSeparator, out);
  }

  /** Makes everything below {@code dir} readable (and directories searchable) by all. */
  public static void makeWorldReadable(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  /** Gives {@code paths} (recursively) to {@code nobody}. */
  public static void chownToNobody(Path... paths) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("chown", "-R", NOBODY + ":" + NOBODY));
    for (Path p : paths) {
      cmd.add(p.toString());
    }
    run(cmd);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(cmd + " failed: " + out);
    }
  }
}
