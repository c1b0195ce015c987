package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.Subprocess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@code restic} as Volsync's mover container does, with the volume mounted at {@code
 * /data} and the working directory there ({@code restic backup --host volsync . }): in a private
 * root directory, inside a new user and mount namespace ({@code unshare -m -r}, then {@code
 * chroot}), where {@code /usr} and {@code /etc} are bind-mounted from this machine, the test's
 * data directory at {@code /data} and a local repository at {@code /repo}. Nothing outside the
 * namespace sees the mounts. Skipped where user namespaces are not allowed (fails in CI).
 */
final class VolsyncRoot {
  private final Path root;
  private final Path data;
  private final Path repo;

  private VolsyncRoot(Path root, Path data, Path repo) {
    this.root = root;
    this.data = data;
    this.repo = repo;
  }

  /** A root under {@code work} showing {@code data} at /data and {@code repo} at /repo. */
  static VolsyncRoot create(Path work, Path data, Path repo) throws IOException {
    ResticBinary.require();
    ResticBinary.Result probe = Subprocess.run(new ProcessBuilder("unshare", "-m", "-r", "true"),
        Duration.ofSeconds(20));
    if (probe.exitCode() != 0) {
      String why = "user namespaces are not available (unshare -m -r: " + probe + ")";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    Path root = Files.createDirectories(work.resolve("volsync-root"));
    for (String d : List.of("usr", "etc", "data", "repo", "tmp")) {
      Files.createDirectories(root.resolve(d));
    }
    for (String link : List.of("bin", "lib", "lib64", "sbin")) {
      if (!Files.exists(root.resolve(link), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(root.resolve(link), Path.of("usr", link));
      }
    }
    Files.createDirectories(repo);
    return new VolsyncRoot(root, data, repo);
  }

  /** Runs {@code restic -r /repo --no-cache ARGS} in /data with the password; returns it. */
  ResticBinary.Result restic(String password, String args) {
    String inner = "cd /data && TMPDIR=/tmp exec restic -r /repo --no-cache " + args;
    String outer = "mount --rbind /usr " + q(root.resolve("usr"))
        + " && mount --bind /etc " + q(root.resolve("etc"))
        + " && mount --bind " + q(data) + " " + q(root.resolve("data"))
        + " && mount --bind " + q(repo) + " " + q(root.resolve("repo"))
        + " && exec chroot " + q(root) + " sh -c " + q(inner);
    ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "-r", "sh", "-c", outer);
    pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_"));
    pb.environment().put("RESTIC_PASSWORD", password);
    return Subprocess.run(pb, Duration.ofMinutes(3));
  }

  private static String q(Object s) {
    return "'" + s.toString().replace("'", "'\\''") + "'";
  }
}
