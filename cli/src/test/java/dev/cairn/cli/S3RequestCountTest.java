package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.FileType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance ("Object storage"): {@code backup --json} against S3 reports the requests it made in
 * {@code backend_requests}, and they add up with what the bucket holds afterwards.
 */
class S3RequestCountTest extends S3ServerTest {
  @TempDir Path tmp;

  @Test
  void backupJsonCountsTheS3RequestsAndAnUnchangedBackupMakesFewPuts() throws Exception {
    String repo = server.repository("counted/repo");
    // not below @TempDir: the cache made there would change an ancestor's mtime, so the second
    // backup would store new trees, as it does when another program changes an ancestor
    Path scratch = Interop.stableScratchDir();
    try {
      run(repo, S3Accept.tree(scratch.resolve("source"), 21, 5, 30));
    } finally {
      Interop.deleteTree(scratch);
    }
  }

  private void run(String repo, Path source) throws Exception {
    Cli cairn = S3Accept.cairn(tmp, server, repo);
    cairn.run("init").assertOk();

    Map<Path, String> ancestorsBefore = SnapshotPath.ancestorStamps(source);
    JsonNode firstSummary = Interop.cairnBackup(cairn, source, "--pack-size", "4");
    JsonNode first = firstSummary.get("backend_requests");
    assertThat(first).as("backend_requests").isNotNull();
    int packs = S3Accept.names(server, repo, FileType.PACK).size();
    int indexes = S3Accept.names(server, repo, FileType.INDEX).size();
    assertThat(packs).isGreaterThan(1);
    assertThat(indexes).isPositive();
    assertThat(S3Accept.names(server, repo, FileType.SNAPSHOT)).hasSize(1);
    // every pack, index file and the snapshot once, plus at least one lock file
    assertThat(first.get("put_requests").asLong()).as(first.toString())
        .isGreaterThanOrEqualTo(packs + indexes + 1 + 1);
    assertThat(first.get("put_bytes").asLong()).isGreaterThan(5L << 20);
    assertThat(first.get("get_requests").asLong() + first.get("head_requests").asLong())
        .as(first.toString()).isPositive();
    assertThat(first.get("get_requests").asLong()).as(first.toString()).isPositive();
    assertThat(first.get("list_requests").asLong()).as(first.toString()).isPositive();
    // (the summary is printed before the lock is removed, as by restic: its DELETE is not counted)

    JsonNode secondSummary = Interop.cairnBackup(cairn, source, "--pack-size", "4");
    JsonNode second = secondSummary.get("backend_requests");
    Map<Path, String> ancestorsAfter = SnapshotPath.ancestorStamps(source);
    // nothing of the source to store; only the trees above an ancestor that another program
    // changed between the backups (e.g. /tmp above the checkout) are new, in one tree pack with
    // its index file
    SnapshotPath.NewTrees above = SnapshotPath.of(cairn, id(firstSummary), source)
        .newTreesIn(SnapshotPath.of(cairn, id(secondSummary), source), ancestorsBefore,
            ancestorsAfter);
    above.assertAddedBy(secondSummary, "cairn");
    int treePacks = above.count() == 0 ? 0 : 1;
    assertThat(S3Accept.names(server, repo, FileType.PACK)).hasSize(packs + treePacks);
    assertThat(S3Accept.names(server, repo, FileType.INDEX)).hasSize(indexes + treePacks);
    assertThat(S3Accept.names(server, repo, FileType.SNAPSHOT)).hasSize(2);
    // a lock and the snapshot (2 or 3 PUTs, as before), plus the tree pack and its index
    assertThat(second.get("put_requests").asLong()).as(second.toString())
        .isBetween(2L + 2 * treePacks, 3L + 2 * treePacks)
        .isLessThan(first.get("put_requests").asLong());
    assertThat(second.get("put_bytes").asLong()).isLessThan(64 * 1024);
    assertThat(second.get("list_requests").asLong()).isPositive();
    assertThat(S3Accept.names(server, repo, FileType.LOCK)).isEmpty();
  }

  private static String id(JsonNode summary) {
    return summary.get("snapshot_id").asText();
  }
}
