package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.RcloneServer;
import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.SampleTree;
import dev.cairn.testing.TreeSnapshot;
import dev.cairn.testing.TreeSnapshot.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance over the REST backend: restic 0.14 and Cairn share repositories served by {@code
 * rclone serve restic} (one server for the class, one repository per test), each reading what
 * the other wrote.
 */
class RestInteropTest {
  private static Path served;
  private static RcloneServer server;
  @TempDir Path tmp;

  @BeforeAll
  static void startServer() throws IOException {
    ResticBinary.require();
    served = Files.createTempDirectory("cairn-rest-interop-");
    server = RcloneServer.start(served);
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    Interop.deleteTree(served);
  }

  /** restic inits and backs up over REST, Cairn restores the same over REST. */
  @Test
  void cairnRestoresWhatResticBackedUpOverRest() throws Exception {
    ResticBinary restic = ResticBinary.require();
    String repo = "rest:" + server.url() + "repo1/";
    Path source = SampleTree.create(tmp.resolve("source")).addAwkwardNames().root();
    resticAt(restic, repo, "init", "--repository-version", "2");
    ResticBinary.Result backup = resticAt(restic, repo, "backup", "--json", source.toString());
    String snapshot = Interop.summary(backup.stdoutText()).get("snapshot_id").asText();
    assertThat(served.resolve("repo1").resolve("config")).isRegularFile();

    Path target = tmp.resolve("target");
    cairnAt(repo).run("restore", snapshot, "--target", target.toString()).assertOk();
    // as in InteropTest: restic 0.14 keeps non-UTF-8 symlink targets lossily in the repository
    TreeSnapshot.assertSameAs(source, Interop.restored(target, source),
        Options.strict().withLossySymlinkTargets());
  }

  /** Cairn inits and backs up over REST; restic checks every byte and restores the same. */
  @Test
  void resticChecksAndRestoresWhatCairnBackedUpOverRest() throws Exception {
    ResticBinary restic = ResticBinary.require();
    String repo = "rest:" + server.url() + "repo2/";
    Path source = SampleTree.create(tmp.resolve("source")).addAwkwardNames().root();
    Cli cairn = cairnAt(repo);
    cairn.run("init").assertOk();
    String snapshot = Interop.cairnBackup(cairn, source).get("snapshot_id").asText();
    assertThat(served.resolve("repo2").resolve("config")).isRegularFile();

    ResticBinary.Result check = restic.run(null, PASSWORD, Map.of("RESTIC_REPOSITORY", repo),
        null, "check", "--read-data");
    assertThat(check.exitCode()).withFailMessage(() -> "restic check: " + check + "\n"
        + check.stdoutText()).isZero();
    assertThat(check.stdoutText()).contains("no errors were found");

    Path target = tmp.resolve("target");
    resticAt(restic, repo, "restore", snapshot, "--target", target.toString());
    // as in InteropTest: only what restic 0.14's restore itself cannot do
    TreeSnapshot.assertSameAs(source, Interop.restored(target, source),
        Options.resticRoundTrip());
  }

  /** A REST URL without a repository behind it is restic's exit code 10, "no repository". */
  @Test
  void aMissingRepositoryIsExitCode10() {
    Cli.Result r = cairnAt("rest:" + server.url() + "nothing-here/").run("snapshots");
    assertThat(r.exitCode()).withFailMessage(r::toString).isEqualTo(ExitCodes.NO_REPOSITORY);
  }

  /** A Cairn run against {@code repo} (a URL: a Path would fold its {@code //}). */
  private Cli cairnAt(String repo) {
    // the Cli's path only places the cache, beside it in the test's own directory
    return new Cli(tmp.resolve("rest"), PASSWORD).env("RESTIC_REPOSITORY", repo);
  }

  private static ResticBinary.Result resticAt(ResticBinary restic, String repo, String... args) {
    return restic.run(null, PASSWORD, Map.of("RESTIC_REPOSITORY", repo), null, args).assertOk();
  }
}
