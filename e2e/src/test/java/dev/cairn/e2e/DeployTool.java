package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An external tool the deploy tests run ({@code kubectl} for {@code kubectl kustomize}, {@code
 * promtool}), found on the {@code PATH}. Missing, it skips the calling test with where to get
 * it; a tool CI installs ({@code promtool}, from Debian) fails the test instead when env {@code
 * CI} is {@code true}, so that CI never passes by skipping. {@code kubectl} cannot be installed
 * from the registries CI reaches (Debian's {@code kubernetes-client} 1.20 predates kustomize
 * components), so its tests skip, loudly, where the machine lacks it.
 */
record DeployTool(Path binary) {
  /** The result of one run. */
  record Run(int exit, String out) {}

  /** {@code promtool}, from Debian package {@code prometheus}, which CI installs. */
  static DeployTool promtool() {
    return require("promtool", "Debian package prometheus", true);
  }

  /** {@code kubectl} 1.21 or later (kustomize components). */
  static DeployTool kubectl() {
    return require("kubectl", "kubectl 1.21 or later, from the Kubernetes release", false);
  }

  private static DeployTool require(String name, String source, boolean ciInstallsIt) {
    Optional<Path> found = locate(name);
    if (found.isEmpty()) {
      String missing = name + " not found on PATH (" + source + ")";
      if (ciInstallsIt && "true".equals(System.getenv("CI"))) {
        fail(missing + " but CI=true: install it");
      }
      assumeTrue(false, missing + ": skipping");
    }
    return new DeployTool(found.get());
  }

  static Optional<Path> locate(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Runs the tool with {@code args} in {@code dir}, stdout and stderr together. */
  Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(command + " did not finish in 2 minutes");
    }
    return new Run(p.exitValue(), out);
  }

  /** Runs the tool and returns its output; fails the test on a non-zero exit. */
  String ok(Path dir, String... args) throws IOException, InterruptedException {
    Run r = run(dir, args);
    if (r.exit() != 0) {
      fail(binary.getFileName() + " " + String.join(" ", args) + " exited " + r.exit() + ":\n"
          + r.out());
    }
    return r.out();
  }
}
