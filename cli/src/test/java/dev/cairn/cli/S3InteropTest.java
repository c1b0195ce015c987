package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.SampleTree;
import dev.cairn.testing.TreeSnapshot;
import dev.cairn.testing.TreeSnapshot.Options;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: restic 0.14 and Cairn share a repository in S3 (an in-process S3Proxy with SigV4
 * authentication): each restores what the other backed up, and restic checks Cairn's packs.
 */
class S3InteropTest extends S3ServerTest {
  @TempDir Path tmp;

  private Cli cairn(String repository) {
    Cli cli = new Cli(tmp, PASSWORD).env("RESTIC_REPOSITORY", repository);
    server.env().forEach(cli::env);
    return cli;
  }

  private ResticBinary.Result restic(ResticBinary restic, String repository, String... args) {
    Map<String, String> env = new HashMap<>(server.env());
    env.put("RESTIC_REPOSITORY", repository);
    return restic.run(null, PASSWORD, env, null, args).assertOk();
  }

  @Test
  void cairnRestoresWhatResticBackedUpToS3() throws Exception {
    ResticBinary restic = ResticBinary.require();
    String repo = server.repository("restic-made/some/prefix");
    Path source = SampleTree.create(tmp.resolve("source")).root();
    restic(restic, repo, "init", "--repository-version", "2");
    restic(restic, repo, "backup", "--json", source.toString());

    Path target = tmp.resolve("target");
    cairn(repo).run("restore", "latest", "--target", target.toString()).assertOk();
    TreeSnapshot.assertSameAs(source, Interop.restored(target, source),
        Options.resticRoundTrip());
  }

  @Test
  void resticChecksAndRestoresWhatCairnBackedUpToS3() throws Exception {
    ResticBinary restic = ResticBinary.require();
    String repo = server.repository("cairn-made/other/prefix");
    Path source = SampleTree.create(tmp.resolve("source")).root();
    Cli cairn = cairn(repo);
    cairn.run("init").assertOk();
    JsonNode summary = Interop.cairnBackup(cairn, source);
    String snapshot = summary.get("snapshot_id").asText();

    ResticBinary.Result check = restic(restic, repo, "check", "--read-data");
    assertThat(check.stdoutText()).contains("no errors were found");
    Path target = tmp.resolve("target");
    restic(restic, repo, "restore", snapshot, "--target", target.toString());
    TreeSnapshot.assertSameAs(source, Interop.restored(target, source),
        Options.resticRoundTrip());
    // init twice is refused, as for restic
    assertThat(cairn.run("init").exitCode()).isNotZero();
  }
}
