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

    Map<Path, String> before = SnapshotPath.ancestorStamps(source);
    JsonNode first = Interop.cairnBackup(cairn, source);
    JsonNode second = Interop.resticBackup(restic, repo, source);
    Map<Path, String> after = SnapshotPath.ancestorStamps(source);

    // the same tree for the source: restic found every tree and data blob of it in the
    // repository; new are only the trees above an ancestor that changed between the backups
    sameSourceTree(cairn, first, second, source, before, after).assertAddedBy(second, "restic");
  }

  /** Item 3b: restic backs up first, Cairn's {@code backup --force} adds nothing. */
  @Test
  void cairnForcedAfterResticAddsNoDataAndGivesTheSameTree() throws Exception {
    cairnAfterRestic("--force");
  }

  /** Item 3c: restic backs up first, Cairn's backup uses restic's snapshot as parent. */
  @Test
  void cairnWithResticParentAddsNoDataAndGivesTheSameTree() throws Exception {
    AfterRestic run = cairnAfterRestic();
    JsonNode second = run.second();
    // the parent's nodes matched (size, mtime, ctime, inode): no file was read
    assertThat(second.get("files_unmodified").asLong()).isPositive();
    assertThat(second.get("files_new").asLong()).isZero();
    assertThat(second.get("files_changed").asLong()).isZero();
    // restic's directory nodes read back equal to Cairn's, but for the changed ancestors
    assertThat(second.get("dirs_new").asLong()).isZero();
    assertThat(second.get("dirs_changed").asLong()).isEqualTo(run.above().count());
    assertThat(second.get("dirs_unmodified").asLong()).isPositive();
  }

  private record AfterRestic(JsonNode second, SnapshotPath.NewTrees above) {}

  private AfterRestic cairnAfterRestic(String... extra) throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    scratch = Interop.stableScratchDir();
    Path source = SampleTree.create(scratch.resolve("source")).root();
    restic.init(repo, PASSWORD);
    Cli cairn = new Cli(repo, PASSWORD);

    Map<Path, String> before = SnapshotPath.ancestorStamps(source);
    JsonNode first = Interop.resticBackup(restic, repo, source);
    JsonNode second = Interop.cairnBackup(cairn, source, extra);
    Map<Path, String> after = SnapshotPath.ancestorStamps(source);

    SnapshotPath.NewTrees above = sameSourceTree(cairn, first, second, source, before, after);
    above.assertAddedBy(second, "cairn");
    ResticBinary.Result check = restic.check(repo, PASSWORD, true);
    assertThat(check.exitCode()).withFailMessage(() -> check + "\n" + check.stdoutText()).isZero();
    return new AfterRestic(second, above);
  }

  /**
   * Asserts that the two snapshots hold the same tree for {@code source} (its node, with the id
   * of its subtree) and differ above it only as the ancestors' stamps explain; returns what the
   * second holds above the source that the first does not.
   */
  private static SnapshotPath.NewTrees sameSourceTree(Cli cairn, JsonNode first, JsonNode second,
      Path source, Map<Path, String> before, Map<Path, String> after) {
    return SnapshotPath.of(cairn, first.get("snapshot_id").asText(), source).newTreesIn(
        SnapshotPath.of(cairn, second.get("snapshot_id").asText(), source), before, after);
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
