package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.backend.local.LocalBackend;
import dev.cairn.cli.report.Output;
import dev.cairn.core.BlobType;
import dev.cairn.pack.Compression;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.testing.ResticBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn migrate upgrade_repo_v2} on version 1 repositories written by restic 0.14 and by
 * Cairn: restic then reads them as version 2, and both tools keep reading the old data.
 */
class MigrateInteropTest {
  @TempDir Path tmp;

  /** Text that compresses well, and a little random data that does not. */
  private static Path source(Path dir, long seed) throws IOException {
    Random rnd = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("line ").append(i).append(" of a file that compresses well\n");
    }
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("text.txt"), text.toString() + seed);
    Files.writeString(dir.resolve("sub/more.txt"), text.reverse().toString());
    Acceptance.writeRandom(dir.resolve("sub/random.bin"), 300_000, rnd);
    return dir;
  }

  private static JsonNode config(ResticBinary restic, Path repo) throws IOException {
    return Output.json().readTree(restic.run(repo, PASSWORD, "cat", "config").assertOk().stdout());
  }

  /** Data blobs stored compressed, as the index lists them. */
  private static int compressedDataBlobs(Path repo) throws IOException {
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO)) {
      r.loadIndex();
      AtomicInteger n = new AtomicInteger();
      r.index().forEach(pb -> {
        if (pb.type() == BlobType.DATA && pb.compressed()) {
          n.incrementAndGet();
        }
      });
      return n.get();
    }
  }

  private static void assertRestored(Path target, Path source) throws IOException {
    Acceptance.assertSameContents(Acceptance.contents(source),
        Acceptance.contents(Acceptance.restoredRoot(target, source)));
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void assertResticChecksAllData(ResticBinary restic, Path repo) {
    ResticBinary.Result check = restic.check(repo, PASSWORD, true);
    assertThat(check.exitCode()).withFailMessage(() -> "restic check: " + check + "\n"
        + check.stdoutText()).isZero();
    assertThat(check.stdoutText()).contains("no errors were found");
  }

  @Test
  void resticVersion1RepositoryUpgradedByCairn() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
    restic.run(repo, PASSWORD, "init", "--repository-version", "1").assertOk();
    Path old = source(tmp.resolve("old"), 1);
    String oldSnapshot = restic.backup(repo, PASSWORD, old);
    JsonNode before = config(restic, repo);
    assertThat(before.get("version").asInt()).isEqualTo(1);
    assertThat(compressedDataBlobs(repo)).isZero();

    Cli cairn = new Cli(repo, PASSWORD).env("TMPDIR", tmpdir.toString());
    assertThat(cairn.run("migrate").assertOk().stdout()).isEqualTo(
        "available migrations:\n  upgrade_repo_v2\tupgrade a repository to version 2\n");
    Cli.Result migrate = cairn.run("migrate", "upgrade_repo_v2").assertOk();
    assertThat(migrate.stdout()).startsWith("checking repository integrity...\n")
        .contains("no errors were found\napplying migration upgrade_repo_v2...\n")
        .endsWith("migration upgrade_repo_v2: success\n");
    assertThat(isEmpty(tmpdir)).withFailMessage("copy of the old config left behind").isTrue();
    assertThat(Acceptance.lockFiles(repo)).isEmpty();

    JsonNode after = config(restic, repo);
    assertThat(after.get("version").asInt()).isEqualTo(2);
    assertThat(after.get("id")).isEqualTo(before.get("id"));
    assertThat(after.get("chunker_polynomial")).isEqualTo(before.get("chunker_polynomial"));
    assertResticChecksAllData(restic, repo);
    assertThat(cairn.run("migrate").assertOk().stdout())
        .isEqualTo("available migrations:\nno migrations found\n");

    // new data is stored compressed, and restic restores it
    Path fresh = source(tmp.resolve("fresh"), 2);
    String freshSnapshot = Interop.cairnBackup(cairn, fresh).get("snapshot_id").asText();
    assertThat(compressedDataBlobs(repo)).isPositive();
    assertResticChecksAllData(restic, repo);
    restic.restore(repo, PASSWORD, freshSnapshot, tmp.resolve("restic-target"));
    assertRestored(tmp.resolve("restic-target"), fresh);

    // the old, uncompressed snapshot still restores with Cairn
    cairn.run("restore", oldSnapshot, "--target", tmp.resolve("cairn-target").toString())
        .assertOk();
    assertRestored(tmp.resolve("cairn-target"), old);
  }

  @Test
  void cairnVersion1RepositoryUpgradedByCairnPassesResticCheck() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    Cli cairn = new Cli(repo, PASSWORD).env("TMPDIR", tmp.toString());
    cairn.run("init", "--repository-version", "1").assertOk();
    Path old = source(tmp.resolve("old"), 3);
    String oldSnapshot = Interop.cairnBackup(cairn, old).get("snapshot_id").asText();
    assertThat(config(restic, repo).get("version").asInt()).isEqualTo(1);

    cairn.run("migrate", "upgrade_repo_v2").assertOk();

    assertThat(config(restic, repo).get("version").asInt()).isEqualTo(2);
    assertResticChecksAllData(restic, repo);
    restic.restore(repo, PASSWORD, oldSnapshot, tmp.resolve("target"));
    assertRestored(tmp.resolve("target"), old);
    // and restic writes compressed data to it now
    restic.backup(repo, PASSWORD, source(tmp.resolve("fresh"), 4));
    assertThat(compressedDataBlobs(repo)).isPositive();
    assertResticChecksAllData(restic, repo);
  }
}
