package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.SampleTree;
import dev.cairn.testing.TreeSnapshot;
import dev.cairn.testing.TreeSnapshot.Options;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance item 4: file names with spaces, quotes, backslashes, control characters, invalid
 * UTF-8, non-printing and astral characters give byte-identical tree JSON in Cairn and restic,
 * so the same directory deduplicates to the same trees, and both tools restore the same names.
 */
class AwkwardNamesInteropTest {
  @TempDir Path tmp;
  private Path scratch;

  @AfterEach
  void cleanUp() throws Exception {
    Interop.deleteTree(scratch);
  }

  @Test
  void awkwardNamesGiveIdenticalTreesAndRestores() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    // the awkward directory is backed up on its own; its ancestors (the sample tree's root, the
    // scratch dir) stay as they are, those above the checkout may not (see SnapshotPath)
    scratch = Interop.stableScratchDir();
    Path source = SampleTree.create(scratch.resolve("sample")).addAwkwardNames().root()
        .resolve("awkward");
    Cli cairn = new Cli(repo, PASSWORD);
    cairn.run("init").assertOk();

    Map<Path, String> before = SnapshotPath.ancestorStamps(source);
    JsonNode byCairn = Interop.cairnBackup(cairn, source);
    // --force: restic serializes and hashes every file again instead of trusting the parent
    JsonNode byRestic = Interop.resticBackup(restic, repo, source, "--force");
    Map<Path, String> after = SnapshotPath.ancestorStamps(source);

    // the same tree for the awkward directory: restic stores no blob of it anew; only the trees
    // above an ancestor that changed between the two backups are new
    SnapshotPath cairnPath = SnapshotPath.of(cairn, byCairn.get("snapshot_id").asText(), source);
    SnapshotPath resticPath = SnapshotPath.of(cairn, byRestic.get("snapshot_id").asText(), source);
    cairnPath.newTreesIn(resticPath, before, after).assertAddedBy(byRestic, "restic");

    // every tree blob of both snapshots, byte for byte, from both tools
    Set<String> visited = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(cairnPath.trees().get(0));
    todo.add(resticPath.trees().get(0));
    ObjectMapper json = new ObjectMapper();
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (!visited.add(id)) {
        continue;
      }
      byte[] fromRestic = restic.run(repo, PASSWORD, "cat", "blob", id).assertOk().stdout();
      byte[] fromCairn = cairn.stdoutBytes("cat", "blob", id);
      assertThat(fromCairn).as("cairn cat blob " + id).isEqualTo(fromRestic);
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(fromCairn)))
          .as("sha256 of tree blob").isEqualTo(id);
      for (JsonNode node : json.readTree(fromCairn).get("nodes")) {
        if (node.hasNonNull("subtree")) {
          todo.add(node.get("subtree").asText());
        }
      }
    }
    // root, the ancestors, awkward/ and its awkward sub-directory
    assertThat(visited.size()).isGreaterThanOrEqualTo(3);

    Path targetRestic = tmp.resolve("restic-target");
    Path targetCairn = tmp.resolve("cairn-target");
    restic.restore(repo, PASSWORD, byRestic.get("snapshot_id").asText(), targetRestic);
    cairn.run("restore", byCairn.get("snapshot_id").asText(), "--target", targetCairn.toString())
        .assertOk();
    Path restoredRestic = Interop.restored(targetRestic, source);
    Path restoredCairn = Interop.restored(targetCairn, source);
    // both restore the same snapshot tree: identical, names byte for byte
    TreeSnapshot.assertSameAs(restoredRestic, restoredCairn);
    // and the same names as the source; the one symlink target that is not UTF-8 was kept by
    // restic's rules (U+FFFD) in the shared tree, so compare it as restic 0.14 keeps it
    TreeSnapshot.assertSameAs(source, restoredCairn, Options.strict().withLossySymlinkTargets());
  }
}
