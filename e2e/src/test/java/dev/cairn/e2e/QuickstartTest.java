package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the README's main command works for a newcomer. The repository this test runs in
 * is cloned (its committed {@code HEAD}: uncommitted changes are not part of the run), built
 * from scratch with Maven offline, and {@code bin/quickstart WORK} started as a user would. Its
 * {@code cairn standalone} service must complete the first backup of the sample volume within
 * {@link #FIRST_BACKUP}; then {@code cairn standalone status} lists the source, the metrics
 * endpoint serves {@code volsync_volume_out_of_sync}, and {@code cairn standalone sync} restores
 * a copy that {@code diff -r} finds identical, as the script's closing hints say.
 */
class QuickstartTest {
  private static final Duration BUILD = Duration.ofMinutes(10);
  private static final Duration FIRST_BACKUP = Duration.ofSeconds(120);
  private static final Duration COMMAND = Duration.ofMinutes(2);
  /** The completed-backup line: these three fields, in any order, among others. */
  private static final List<Pattern> COMPLETED = Stream.of(
      "kind=ReplicationSource", "decision=completed", "outcome=ok")
      .map(f -> Pattern.compile("(^|\\s)" + Pattern.quote(f) + "(\\s|$)")).toList();

  @TempDir Path tmp;

  private record Run(int exit, String out) {}

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void theQuickstartBacksUpRestoresAndReportsOnAFreshClone() throws Exception {
    require("git");
    require("mvn");
    Path clone = cloneAndBuild();
    Path work = tmp.resolve("work");
    String cairn = clone.resolve("bin/cairn").toString();
    int port = freePort();

    Path log = tmp.resolve("quickstart.log");
    ProcessBuilder pb = new ProcessBuilder(clone.resolve("bin/quickstart").toString(),
        work.toString()).directory(clone.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    cleanEnvironment(pb.environment());
    pb.environment().put("CAIRN_METRICS_ADDRESS", "127.0.0.1:" + port);
    Process quickstart = pb.start();
    try {
      quickstart.getOutputStream().close();
      awaitFirstBackup(quickstart, log);

      Run status = run(clone, COMMAND, cairn, "standalone", "status",
          "--config", work.toString());
      assertThat(status.exit()).as("status exit code; output:%n%s", status.out()).isZero();
      assertThat(status.out()).contains("app-data");

      assertThat(scrape(port)).contains("volsync_volume_out_of_sync");

      Run restore = run(clone, COMMAND, cairn, "standalone", "sync", "app-data-restore",
          "--config", work.toString(), "-n", "demo");
      assertThat(restore.exit()).as("sync exit code; output:%n%s", restore.out()).isZero();
      Path volumes = work.resolve("volumes/demo");
      Run diff = run(clone, COMMAND, "diff", "-r", volumes.resolve("app-data").toString(),
          volumes.resolve("app-data-restored").toString());
      assertThat(diff.exit()).as("diff -r of the volume and its restored copy:%n%s", diff.out())
          .isZero();
    } finally {
      stopTree(quickstart);
    }
  }

  /** A clone of this repository's HEAD beside a link to {@code ../shared}, built. */
  private Path cloneAndBuild() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    Path root = Path.of(ok(module, COMMAND, "git", "rev-parse", "--show-toplevel").trim());
    String head = ok(root, COMMAND, "git", "rev-parse", "HEAD").trim();
    // .ci/run works on a fresh clone with ../shared beside it; keep that layout, although
    // building the jar does not read ../shared.
    Path shared = root.resolveSibling("shared");
    if (Files.isDirectory(shared)) {
      Files.createSymbolicLink(tmp.resolve("shared"), shared);
    }
    Path clone = tmp.resolve("cairn");
    ok(tmp, COMMAND, "git", "clone", "-q", "--no-checkout", root.toString(), clone.toString());
    ok(clone, COMMAND, "git", "checkout", "-q", "--detach", head);
    // Offline: by the time this test runs, the build that runs it has fetched everything.
    ok(clone, BUILD, "mvn", "-q", "-o", "-B", "-DskipTests", "package");
    assertThat(clone.resolve("cli/target/cairn.jar")).isRegularFile();
    return clone;
  }

  /** Waits for the completed-backup line; fails early if the script ends. */
  private static void awaitFirstBackup(Process quickstart, Path log) throws Exception {
    long deadline = System.nanoTime() + FIRST_BACKUP.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (out.lines().anyMatch(QuickstartTest::completedBackup)) {
        return;
      }
      if (!quickstart.isAlive()) {
        fail("bin/quickstart exited %d before its first backup completed:%n%s",
            quickstart.exitValue(), out);
      }
      Thread.sleep(250);
    }
    fail("no completed backup (kind=ReplicationSource decision=completed outcome=ok) within %s:"
        + "%n%s", FIRST_BACKUP, Files.readString(log, StandardCharsets.UTF_8));
  }

  static boolean completedBackup(String line) {
    return COMPLETED.stream().allMatch(p -> p.matcher(line).find());
  }

  /** GET /metrics, retried for a few seconds in case the endpoint is not up yet. */
  private static String scrape(int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build();
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET /metrics status").isEqualTo(200);
        return r.body();
      } catch (IOException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw new AssertionError("metrics endpoint 127.0.0.1:" + port + " did not answer", last);
  }

  /** Stops the script's process and everything it started (the service, its movers). */
  private static void stopTree(Process process) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (ProcessHandle h : tree) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Nothing from the environment running the tests may point Cairn elsewhere. */
  private static void cleanEnvironment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("RESTIC_") || k.startsWith("CAIRN_")
        || k.startsWith("AWS_") || k.equals("MAVEN_PROJECTBASEDIR"));
  }

  private static Run run(Path dir, Duration limit, String... command) throws Exception {
    Path out = Files.createTempFile("quickstart-cmd", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(out.toFile());
      cleanEnvironment(pb.environment());
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        stopTree(p);
        fail("%s did not finish within %s:%n%s", String.join(" ", command), limit,
            Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String ok(Path dir, Duration limit, String... command) throws Exception {
    Run r = run(dir, limit, command);
    if (r.exit() != 0) {
      fail("%s exited %d:%n%s", String.join(" ", command), r.exit(), r.out());
    }
    return r.out();
  }

  /** A tool the test runs; missing, it skips the test, except in CI, where it fails it. */
  private static void require(String tool) {
    if (DeployTool.locate(tool).isEmpty()) {
      String missing = tool + " not found on PATH";
      if ("true".equals(System.getenv("CI"))) {
        fail(missing + " but CI=true: install it");
      }
      assumeTrue(false, missing + ": skipping the quickstart test");
    }
  }
}
