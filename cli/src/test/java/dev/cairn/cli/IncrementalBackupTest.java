package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.SampleTree;
import dev.cairn.testing.TreeSnapshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance item 5: incremental backups read and upload only what changed. */
class IncrementalBackupTest {
  private static final long MIB = 1024 * 1024;

  @TempDir Path tmp;
  private Path scratch;

  @AfterEach
  void cleanUp() throws Exception {
    Interop.deleteTree(scratch);
  }

  @Test
  void unchangedDataAddsOnlyASnapshot() throws Exception {
    Path repo = tmp.resolve("repo");
    // out of /tmp, where every other process writes: the ancestors of the source change less
    // often (see SnapshotPath for when they do)
    scratch = Interop.stableScratchDir();
    Path source = SampleTree.create(scratch.resolve("source")).addAwkwardNames().root();
    long files = TreeSnapshot.of(source).entries().stream()
        .filter(e -> "file".equals(e.type())).count();
    Cli cairn = new Cli(repo, PASSWORD);
    cairn.run("init").assertOk();

    Map<Path, String> ancestorsBefore = SnapshotPath.ancestorStamps(source);
    JsonNode first = Interop.cairnBackup(cairn, source);
    assertThat(first.get("files_new").asLong()).isEqualTo(files);
    JsonNode second = Interop.cairnBackup(cairn, source);
    Map<Path, String> ancestorsAfter = SnapshotPath.ancestorStamps(source);

    assertThat(second.get("files_unmodified").asLong()).isEqualTo(files);
    assertThat(second.get("files_new").asLong()).isZero();
    assertThat(second.get("files_changed").asLong()).isZero();
    assertThat(second.get("dirs_new").asLong()).isZero();
    // the source's own trees are all the same; the snapshot records the ancestors of the source
    // too (as restic does), so exactly the trees from the root down to an ancestor another
    // program changed between the runs (e.g. /tmp, above the checkout) are new
    SnapshotPath.NewTrees above = SnapshotPath.of(cairn, id(first), source)
        .newTreesIn(SnapshotPath.of(cairn, id(second), source), ancestorsBefore, ancestorsAfter);
    above.assertAddedBy(second, "cairn");
    assertThat(second.get("dirs_changed").asLong()).isEqualTo(above.count());
    assertThat(second.get("dirs_unmodified").asLong())
        .isEqualTo(first.get("dirs_new").asLong() - above.count());
    if (above.count() == 0) {
      // nothing but the snapshot
      assertThat(second.get("data_added_packed").asLong()).isZero();
    } else {
      assertThat(second.get("data_added_packed").asLong()).isPositive();
    }
  }

  private static String id(JsonNode summary) {
    return summary.get("snapshot_id").asText();
  }

  @Test
  void changedMebibyteInLargeFileUploadsOnlyAffectedChunks() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    Path source = tmp.resolve("source");
    Files.createDirectories(source);
    Path big = source.resolve("big.bin");
    writeRandom(big, 0, 200 * MIB, 1);
    Cli cairn = new Cli(repo, PASSWORD);
    cairn.run("init").assertOk();

    JsonNode first = Interop.cairnBackup(cairn, source);
    assertThat(first.get("data_added").asLong()).isGreaterThanOrEqualTo(200 * MIB);

    // overwrite 1 MiB in the middle with other random data (mtime changes: the file is re-read)
    writeRandom(big, 100 * MIB + 12345, MIB, 2);
    JsonNode second = Interop.cairnBackup(cairn, source);

    assertThat(second.get("files_changed").asLong()).isEqualTo(1);
    // chunks average 1 MiB (max 8 MiB): the changed MiB touches one to a few of them
    assertThat(second.get("data_added").asLong()).isLessThan(16 * MIB);
    assertThat(second.get("data_blobs").asLong()).isBetween(1L, 6L);
    ResticBinary.Result check = restic.check(repo, PASSWORD, true);
    assertThat(check.exitCode()).withFailMessage(() -> check + "\n" + check.stdoutText()).isZero();
    assertThat(check.stdoutText()).contains("no errors were found");
  }

  /**
   * Writes {@code length} bytes (a multiple of 8) of SplitMix64 output for {@code seed} at
   * {@code offset}, in 4 MiB buffers.
   */
  private static void writeRandom(Path file, long offset, long length, long seed)
      throws Exception {
    ByteBuffer buf = ByteBuffer.allocateDirect((int) (4 * MIB)).order(ByteOrder.LITTLE_ENDIAN);
    long state = seed;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      long pos = offset;
      long end = offset + length;
      while (pos < end) {
        buf.clear();
        int n = (int) Math.min(buf.capacity(), end - pos);
        for (int i = 0; i < n; i += 8) {
          state += 0x9E3779B97F4A7C15L;
          long z = state;
          z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
          z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
          buf.putLong(z ^ (z >>> 31));
        }
        buf.flip();
        while (buf.hasRemaining()) {
          pos += ch.write(buf, pos);
        }
      }
    }
  }
}
