package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.cli.mover.ResultSchema;
import dev.cairn.testing.OtherUser;
import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: each way a mover run goes wrong has its class, a one-line reason and its exit
 * code, and leaves a repository {@code restic check} accepts.
 */
class MoverFailureTest extends S3ServerTest {
  @TempDir Path tmp;
  private Path data;
  private Path repo;

  @BeforeEach
  void volume() throws Exception {
    data = Files.createDirectories(tmp.resolve("volume"));
    S3Accept.tree(data, 21, 1, 4);
    repo = tmp.resolve("repo");
  }

  private MoverHarness mover() {
    return new MoverHarness(tmp, data, repo.toString(), Interop.PASSWORD);
  }

  private static String oneLine(MoverHarness.Run run) {
    String message = run.result().path("message").asText();
    assertThat(message).doesNotContain("\n").isNotBlank();
    assertThat(run.stderr()).contains("ERROR: " + message).doesNotContain("\tat ");
    return message;
  }

  private void resticCheckPasses() {
    ResticBinary.require().run(repo, Interop.PASSWORD, "check").assertOk();
  }

  @Test
  void wrongPassword() throws Exception {
    mover().run("backup").assertOutcome("ok", 0);
    MoverHarness.Run run = mover().env("RESTIC_PASSWORD", "not the password")
        .run("backup").assertOutcome("wrong-password", 12);
    assertThat(oneLine(run)).contains("wrong password");
    resticCheckPasses();
  }

  @Test
  void forbiddenS3Key() throws Exception {
    String repository = server.repository("forbidden/app");
    MoverHarness good = new MoverHarness(tmp, data, repository, Interop.PASSWORD);
    server.env().forEach(good::env);
    good.run("backup").assertOutcome("ok", 0);
    MoverHarness.Run run = good.env("AWS_SECRET_ACCESS_KEY", "wrong-secret").run("backup")
        .assertOutcome("unreachable", 13);
    assertThat(oneLine(run)).contains("403", "forbidden");
    assertThat(run.stderr()).doesNotContain("retrying after");
  }

  @Test
  void unreachableEndpointInBoundedTime() throws Exception {
    String endpoint = "http://127.0.0.1:" + S3ProxyServer.freePort();
    MoverHarness m = new MoverHarness(tmp, data, "s3:" + endpoint + "/far/app", "pw");
    server.env().forEach(m::env);
    long start = System.nanoTime();
    MoverHarness.Run run = m.run("backup").assertOutcome("unreachable", 13);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(oneLine(run)).contains(endpoint);
  }

  @Test
  void lockHeldByALiveResticProcess() throws Exception {
    ResticBinary restic = ResticBinary.require();
    mover().run("backup").assertOutcome("ok", 0);
    Process holder = Acceptance.resticHoldingLock(restic, repo, Interop.PASSWORD);
    try {
      MoverHarness.Run run = mover().run("prune").assertOutcome("locked", 11);
      assertThat(oneLine(run)).contains("PID " + holder.pid());
      assertThat(run.result().path("done").size()).isZero();
    } finally {
      holder.getOutputStream().close();
      holder.waitFor(60, TimeUnit.SECONDS);
    }
    resticCheckPasses();
  }

  @Test
  void unreadableFileIsAPartialSuccess() throws Exception {
    assumeTrue(OtherUser.isRoot(), "needs root to run the mover as another user");
    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv), "setpriv (util-linux) missing");
    mover().run("backup").assertOutcome("ok", 0);
    Path secret = data.resolve("small/secret.bin");
    Files.writeString(secret, "root only");
    OtherUser.makeWorldReadable(tmp);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Acceptance.run(List.of("chown", "-R", "65534:65534", repo.toString(),
        tmp.resolve("cache").toString()));

    Path log = tmp.resolve("mover.log");
    ProcessBuilder pb = Acceptance.cairnProcess(
        List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups", "--"),
        repo, OtherUser.readableClassPath(tmp.resolve("cp")), log, "mover", "backup");
    pb.environment().putAll(mover().environment());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("TERMINATION_MESSAGE_PATH", tmp.resolve("nobody-term").toString());
    pb.directory(tmp.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stdout = Acceptance.read(log);
    assertThat(p.exitValue()).as(stdout + Acceptance.read(Acceptance.errLog(log))).isZero();
    String[] lines = stdout.strip().split("\n");
    var result = ResultSchema.validate(lines[lines.length - 1]);
    assertThat(result.path("outcome").asText()).isEqualTo("partial");
    assertThat(result.path("backup").path("files_unreadable").asInt()).as(stdout).isEqualTo(1);
    assertThat(result.path("backup").path("unreadable_paths").get(0).asText())
        .contains(secret.toString());
    assertThat(result.path("forget").path("kept").asInt()).as(stdout).isEqualTo(1);
    resticCheckPasses();
  }

  @Test
  void missingMandatoryVariableWritesNothing() {
    MoverHarness.Run run = mover().env("RESTIC_PASSWORD", null).run("backup")
        .assertOutcome("failed", 1);
    assertThat(oneLine(run)).isEqualTo("RESTIC_PASSWORD must be defined");
    assertThat(repo).doesNotExist();
  }

  @Test
  void unknownActionRunsNothing() {
    MoverHarness.Run run = mover().run("backup", "verify").assertOutcome("failed", 2);
    assertThat(oneLine(run)).contains("unknown operation: verify");
    assertThat(run.result().path("done").size()).isZero();
    assertThat(repo).doesNotExist();
  }

  @Test
  void unsupportedBackendKeyFailsBeforeWriting() {
    MoverHarness.Run run = mover().env("AZURE_ACCOUNT_NAME", "acct").run("backup")
        .assertOutcome("failed", 1);
    assertThat(oneLine(run)).contains("AZURE_ACCOUNT_NAME", "Azure");
    assertThat(repo).doesNotExist();
  }
}
