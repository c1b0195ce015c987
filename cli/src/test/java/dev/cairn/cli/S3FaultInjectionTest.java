package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.FileType;
import dev.cairn.testing.FaultProxy;
import dev.cairn.testing.FaultProxy.Fault;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance ("Object storage"): Cairn against S3Proxy through a {@link FaultProxy} that fails or
 * stalls some of the connections. A flaky path is survived by retries (warned on stderr as restic
 * does) and leaves a repository restic checks clean; a dead path ends in a bounded time with one
 * clear error and no lock left behind.
 */
class S3FaultInjectionTest extends S3ServerTest {
  /**
   * Draws of this seed put all four kinds of fault among the first 14 connections (and about
   * one in ten after), so the run sees each kind however the client spreads its requests.
   */
  private static final long SEED = 297;

  @TempDir Path tmp;

  private static String via(FaultProxy proxy, String bucketAndPrefix) {
    return "s3:http://127.0.0.1:" + proxy.port() + "/" + bucketAndPrefix;
  }

  private static ResticBinary.Result restic(String repository, String... args) {
    Map<String, String> env = new HashMap<>(server.env());
    env.put("RESTIC_REPOSITORY", repository);
    return ResticBinary.require().withTimeout(Duration.ofMinutes(2))
        .run(null, PASSWORD, env, null, args);
  }

  @Test
  void initBackupRestoreAndBackupAgainSurviveAFlakyPath() throws Exception {
    ResticBinary.require();
    Path source = S3Accept.tree(tmp.resolve("source"), 11, 5, 40);
    String direct = server.repository("flaky/repo");
    StringBuilder stderr = new StringBuilder();
    try (FaultProxy proxy = new FaultProxy(server.endpoint().getPort(),
        FaultProxy.Settings.of(SEED, 0.10))) {
      Cli cairn = S3Accept.cairn(tmp, server, via(proxy, "flaky/repo"));
      stderr.append(cairn.run("init").assertOk().stderr());
      Cli.Result first = cairn.run("--pack-size", "4", "backup", "--json", source.toString())
          .assertOk();
      stderr.append(first.stderr());
      Path target = tmp.resolve("target");
      stderr.append(cairn.run("restore", "latest", "--target", target.toString())
          .assertOk().stderr());
      Acceptance.assertSameContents(Acceptance.contents(source),
          Acceptance.contents(Acceptance.restoredRoot(target, source)));
      Acceptance.writeRandom(source.resolve("small/new.txt"), 5000, new java.util.Random(3));
      stderr.append(cairn.run("--pack-size", "4", "backup", "--json", source.toString())
          .assertOk().stderr());
      // Cairn's own check through the same flaky path reads and verifies every blob
      Cli.Result check = cairn.run("check", "--read-data").assertOk();
      assertThat(check.stdout()).contains("no errors were found");
      stderr.append(check.stderr());
      // A few more reads until every kind of fault has shown up at least once (bounded).
      for (int i = 0; i < 40 && !allKindsInjected(proxy); i++) {
        stderr.append(cairn.run("snapshots").assertOk().stderr());
      }
      for (Fault f : Fault.values()) {
        assertThat(proxy.injected(f)).as("injected %s (forwarded %d)", f, proxy.forwarded())
            .isPositive();
      }
    }
    assertThat(S3Accept.names(server, direct, FileType.PACK)).as("several packs").hasSizeGreaterThan(2);
    assertThat(stderr.toString()).containsPattern(
        "(?m)^\\w+\\(.*\\) returned error, retrying after ");
    assertThat(S3Accept.names(server, direct, FileType.LOCK)).isEmpty();
    ResticBinary.Result check = restic(direct, "check", "--read-data").assertOk();
    assertThat(check.stdoutText()).contains("no errors were found");
    assertThat(restic(direct, "snapshots", "--json").assertOk().stdoutText())
        .contains("\"paths\"");
  }

  private static boolean allKindsInjected(FaultProxy proxy) {
    for (Fault f : Fault.values()) {
      if (proxy.injected(f) == 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aDeadPathEndsInBoundedTimeWithOneErrorAndNoLock() throws Exception {
    ResticBinary.require();
    Path source = S3Accept.tree(tmp.resolve("source"), 12, 1, 5);
    String direct = server.repository("dead/repo");
    Cli healthy = S3Accept.cairn(tmp, server, direct);
    healthy.run("init").assertOk();
    Map<String, Long> before = S3Accept.objects(server, direct);
    // SLOW forwards (it only stalls), so a path that always fails uses the other three.
    try (FaultProxy proxy = new FaultProxy(server.endpoint().getPort(),
        new FaultProxy.Settings(7, 1.0,
            EnumSet.of(Fault.RESET, Fault.ERROR_500, Fault.SLOW_DOWN_503),
            Duration.ofMillis(5), Duration.ofMillis(500)))) {
      Cli dead = S3Accept.cairn(tmp, server, via(proxy, "dead/repo"));
      long start = System.nanoTime();
      Cli.Result r = dead.run("-o", "retry.max-time=10s", "backup", source.toString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
      assertThat(took).isLessThan(Duration.ofSeconds(60));
      String fatal = S3Accept.oneFatalLine(r.stderr());
      assertThat(fatal).contains("127.0.0.1:" + proxy.port()).contains("dead");
      assertThat(r.stderr()).contains("returned error, retrying after");
      assertThat(proxy.injected()).isPositive();
      assertThat(proxy.forwarded()).isZero();
    }
    assertThat(S3Accept.objects(server, direct)).isEqualTo(before);
    ResticBinary.Result locks = restic(direct, "list", "locks").assertOk();
    assertThat(locks.stdoutText().strip()).isEmpty();
    // still usable through a healthy path
    Interop.cairnBackup(healthy, source);
    assertThat(S3Accept.names(server, direct, FileType.LOCK)).isEmpty();
    assertThat(restic(direct, "check").assertOk().stdoutText())
        .contains("no errors were found");
  }
}
