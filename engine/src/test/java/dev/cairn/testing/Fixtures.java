package dev.cairn.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * restic repositories from {@code ../shared/fixtures/restic} (made by restic itself). Tests that
 * use them are skipped when the shared folder is not beside the project.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixtures folder, or null when it is not there. */
  public static Path dir() {
    Path p = Path.of("").toAbsolutePath();
    for (; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("fixtures").resolve("restic");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Extracts fixture {@code name} (without {@code .tar.gz}) into {@code target} and returns
   * {@code target}; skips the calling test when the fixtures are missing.
   */
  public static Path extract(String name, Path target) throws IOException, InterruptedException {
    Path dir = dir();
    assumeTrue(dir != null, "../shared/fixtures/restic not found: fixture tests skipped");
    Path archive = dir.resolve(name + ".tar.gz");
    assumeTrue(Files.exists(archive), archive + " missing: fixture test skipped");
    Files.createDirectories(target);
    Process p =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", target.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("tar failed for " + archive + ": " + out);
    }
    return target;
  }
}
