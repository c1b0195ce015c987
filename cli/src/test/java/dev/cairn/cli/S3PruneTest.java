package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.ResticBinary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code cairn forget --prune} on a repository in S3 (in-process S3Proxy, SigV4)
 * plans as restic does and leaves a repository {@code restic check --read-data} accepts.
 */
class S3PruneTest extends S3ServerTest {
  @TempDir Path tmp;

  @Test
  void forgetWithPruneOnS3() throws Exception {
    ResticBinary restic = ResticBinary.require();
    String repo = server.repository("prune/repo");
    Cli cairn = new Cli(tmp.resolve("cache-anchor"), PASSWORD).env("RESTIC_REPOSITORY", repo);
    server.env().forEach(cairn::env);
    Map<String, String> env = new HashMap<>(server.env());
    env.put("RESTIC_REPOSITORY", repo);

    cairn.run("init").assertOk();
    Path src = tmp.resolve("src");
    PruneInteropTest.backups(cairn, src, 5, 4);
    String cairnPlan = cairn.run("forget", "--keep-last", "1", "--prune", "--dry-run", "-v")
        .assertOk().stdout();
    String resticPlan = restic.run(null, PASSWORD, env, null, "forget", "--keep-last", "1",
        "--prune", "--dry-run", "-v").assertOk().stdoutText();
    assertThat(PruneInteropTest.planLines(cairnPlan)).isNotEmpty()
        .isEqualTo(PruneInteropTest.planLines(resticPlan));

    cairn.run("forget", "--keep-last", "1", "--prune").assertOk();
    ResticBinary.Result check = restic.run(null, PASSWORD, env, null, "check", "--read-data");
    assertThat(check.exitCode()).as(check.toString()).isZero();
    String left = restic.run(null, PASSWORD, env, null, "prune", "--dry-run", "-v").assertOk()
        .stdoutText();
    assertThat(left).containsPattern("total prune: +0 blobs / 0 B");
    Path out = tmp.resolve("out");
    cairn.run("restore", "latest", "--target", out.toString()).assertOk();
    Acceptance.assertSameContents(Acceptance.contents(src),
        Acceptance.contents(Acceptance.restoredRoot(out, src)));
  }
}
