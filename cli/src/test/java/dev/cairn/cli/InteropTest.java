package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.Fixtures;
import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.SampleTree;
import dev.cairn.testing.TreeSnapshot;
import dev.cairn.testing.TreeSnapshot.Aspect;
import dev.cairn.testing.TreeSnapshot.Options;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the real restic 0.14 reads what Cairn writes and the other way round, and the two
 * tools deduplicate against each other in one repository.
 */
class InteropTest {
  @TempDir Path tmp;
  private Path scratch;

  @AfterEach
  void cleanUp() throws Exception {
    Interop.deleteTree(scratch);
  }

  /** Item 1: Cairn writes, restic checks and restores. */
  @Test
  void resticChecksAndRestoresWhatCairnBackedUp() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    SampleTree sample = SampleTree.create(tmp.resolve("source")).addAwkwardNames();
    Path source = sample.root();
    Cli cairn = new Cli(repo, PASSWORD);
    cairn.run("init").assertOk();
    JsonNode summary = Interop.cairnBackup(cairn, source);
    String snapshot = summary.get("snapshot_id").asText();

    ResticBinary.Result check = restic.check(repo, PASSWORD, true);
    assertThat(check.exitCode()).withFailMessage(() -> "restic check: " + check + "\n"
        + check.stdoutText()).isZero();
    assertThat(check.stdoutText()).contains("no errors were found");

    Path target = tmp.resolve("target");
    restic.restore(repo, PASSWORD, snapshot, target);
    // resticRoundTrip(): only what restic 0.14's restore itself cannot do (no --sparse; symlink
    // targets that are not UTF-8 come back with U+FFFD as restic 0.14 keeps them as strings)
    TreeSnapshot.assertSameAs(source, Interop.restored(target, source), Options.resticRoundTrip());
  }

  /** Item 2: restic writes, Cairn restores, strictly but for what restic's backup lost. */
  @Test
  void cairnRestoresWhatResticBackedUp() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    SampleTree sample = SampleTree.create(tmp.resolve("source")).addAwkwardNames();
    Path source = sample.root();
    restic.init(repo, PASSWORD);
    String snapshot = restic.backup(repo, PASSWORD, source);

    Path target = tmp.resolve("target");
    new Cli(repo, PASSWORD).run("restore", snapshot, "--target", target.toString()).assertOk();
    Path restored = Interop.restored(target, source);
    // restic 0.14's backup keeps symlink targets as JSON strings: the non-UTF-8 one is lossy in
    // the repository already; everything else, sparseness included, must come back exactly
    TreeSnapshot.assertSameAs(source, restored, Options.strict().withLossySymlinkTargets());
    if (sample.kinds().contains(SampleTree.Kind.SPARSE_FILE)) {
      assertThat(TreeSnapshot.of(restored).get("sparse.img").orElseThrow().attributes()
          .get(Aspect.SPARSE)).isEqualTo("sparse");
    }
  }

  /** Item 3a: Cairn backs up first, restic's backup of the same path adds nothing. */
  @Test
  void resticAfterCairnAddsNoDataAndGivesTheSameTree() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    scratch = Interop.stableScratchDir();
    Path source = SampleTree.create(scratch.resolve("source")).root();
    Cli cairn = new Cli(repo, PASSWORD);
    cairn.run("init").assertOk();

    JsonNode first = Interop.cairnBackup(cairn, source);
    JsonNode second = Interop.resticBackup(restic, repo, source);

    assertThat(second.get("data_blobs").asLong()).as("restic data_blobs").isZero();
    assertSameRootTree(restic, repo, first, second);
    // same root tree: restic found every tree blob in the repository too
    assertThat(second.get("tree_blobs").asLong()).as("restic tree_blobs").isZero();
    assertThat(second.get("data_added").asLong()).as("restic data_added").isZero();
  }

  /** Item 3b: restic backs up first, Cairn's {@code backup --force} adds nothing. */
  @Test
  void cairnForcedAfterResticAddsNoDataAndGivesTheSameTree() throws Exception {
    cairnAfterRestic("--force");
  }

  /** Item 3c: restic backs up first, Cairn's backup uses restic's snapshot as parent. */
  @Test
  void cairnWithResticParentAddsNoDataAndGivesTheSameTree() throws Exception {
    JsonNode second = cairnAfterRestic();
    // the parent's nodes matched (size, mtime, ctime, inode): no file was read
    assertThat(second.get("files_unmodified").asLong()).isPositive();
    assertThat(second.get("files_new").asLong()).isZero();
    assertThat(second.get("files_changed").asLong()).isZero();
  }

  private JsonNode cairnAfterRestic(String... extra) throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    scratch = Interop.stableScratchDir();
    Path source = SampleTree.create(scratch.resolve("source")).root();
    restic.init(repo, PASSWORD);
    Cli cairn = new Cli(repo, PASSWORD);

    JsonNode first = Interop.resticBackup(restic, repo, source);
    JsonNode second = Interop.cairnBackup(cairn, source, extra);

    assertThat(second.get("data_blobs").asLong()).as("cairn data_blobs").isZero();
    assertSameRootTree(restic, repo, first, second);
    assertThat(second.get("tree_blobs").asLong()).as("cairn tree_blobs").isZero();
    assertThat(second.get("data_added").asLong()).as("cairn data_added").isZero();
    ResticBinary.Result check = restic.check(repo, PASSWORD, true);
    assertThat(check.exitCode()).withFailMessage(() -> check + "\n" + check.stdoutText()).isZero();
    return second;
  }

  private static void assertSameRootTree(
      ResticBinary restic, Path repo, JsonNode first, JsonNode second) {
    Map<String, String> trees = Interop.resticSnapshotTrees(restic, repo);
    assertThat(trees).hasSize(2);
    String a = Interop.treeOf(trees, first.get("snapshot_id").asText());
    String b = Interop.treeOf(trees, second.get("snapshot_id").asText());
    assertThat(b).as("root tree of the second snapshot").isEqualTo(a);
  }

  /** Item 6: Cairn reads restic's repository format version 1 (upstream test repository). */
  @Test
  void cairnRestoresEverySnapshotOfUpstreamV1Repository() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = Fixtures.extract("upstream-small-repo", tmp.resolve("fixture"))
        .resolve("repo");
    String password = "geheim";
    Map<String, String> trees = resticTrees(restic, repo, password);
    assertThat(trees).hasSize(4);
    Cli cairn = new Cli(repo, password);
    int i = 0;
    for (String snapshot : trees.keySet()) {
      Path byRestic = tmp.resolve("restic-" + i);
      Path byCairn = tmp.resolve("cairn-" + i);
      i++;
      restic.restore(repo, password, snapshot, byRestic);
      cairn.run("restore", snapshot, "--target", byCairn.toString()).assertOk();
      // the target directory itself is not in the snapshot: each tool creates it (restic with
      // mode 0700) at its own time; everything below it is compared strictly
      TreeSnapshot.assertSameAs(byRestic, byCairn, Options.strict().ignoringRoot());
    }
  }

  private static Map<String, String> resticTrees(ResticBinary restic, Path repo, String password)
      throws Exception {
    String out = restic.run(repo, password, "snapshots", "--json").assertOk().stdoutText();
    Map<String, String> trees = new LinkedHashMap<>();
    for (JsonNode s : new ObjectMapper().readTree(out)) {
      trees.put(s.get("id").asText(), s.get("tree").asText());
    }
    return trees;
  }
}
