package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.backend.local.LocalBackend;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.pack.Compression;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.testing.ResticBinary;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: a damaged data pack fails the restore of exactly the files that need it. */
class CorruptPackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void flippedByteInABlobFailsThatFileNamingPackAndBlob() throws Exception {
    Path src = tmp.resolve("src");
    Random rnd = new Random(42);
    for (String big : List.of("big1.bin", "big2.bin", "big3.bin")) {
      Acceptance.writeRandom(src.resolve(big), 600 * 1024, rnd);
    }
    for (int i = 0; i < 5; i++) {
      Acceptance.writeRandom(src.resolve("small/s" + i + ".bin"), 1000 + 700 * i, rnd);
    }
    Path repo = tmp.resolve("repo");
    Cli cli = new Cli(repo, PASSWORD);
    cli.run("init").assertOk();
    cli.run("backup", "--pack-size", "4", src.toString()).assertOk();

    // the data blobs of big2.bin, from the snapshot's tree
    JsonNode tree = JSON.readTree(cli.run("cat", "tree", "latest:" + src).assertOk().stdout());
    List<Id> content = new ArrayList<>();
    for (JsonNode node : tree.get("nodes")) {
      if (node.get("name").asText().equals("big2.bin")) {
        node.get("content").forEach(c -> content.add(Id.parse(c.asText())));
      }
    }
    assertThat(content).isNotEmpty();
    Id victim = content.get(content.size() - 1);
    PackedBlob where;
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO)) {
      r.loadIndex();
      where = r.index().lookup(new BlobHandle(victim, BlobType.DATA));
    }
    assertThat(where).isNotNull();
    String packHex = where.pack().hex();
    Path pack = repo.resolve("data").resolve(packHex.substring(0, 2)).resolve(packHex);
    assertThat(pack).isRegularFile();

    // flip one byte in the middle of that blob's sealed bytes
    Files.setPosixFilePermissions(pack, PosixFilePermissions.fromString("rw-------"));
    long at = where.offset() + where.length() / 2;
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
    Files.setPosixFilePermissions(pack, PosixFilePermissions.fromString("r--------"));

    Path out = tmp.resolve("out");
    Cli.Result restore = cli.run("restore", "latest", "--target", out.toString());
    assertThat(restore.exitCode()).as(restore.stdout() + restore.stderr()).isEqualTo(1);
    assertThat(restore.stderr())
        .contains("big2.bin")
        .contains(packHex)
        .contains(victim.hex());
    // no other file is reported
    for (String other : List.of("big1.bin", "big3.bin", "s0.bin", "s4.bin")) {
      assertThat(restore.stderr()).doesNotContain(other);
    }

    Map<String, String> expected = new TreeMap<>(Acceptance.contents(src));
    String badHash = expected.remove("big2.bin");
    Map<String, String> restored = new TreeMap<>(Acceptance.contents(Acceptance.restoredRoot(out, src)));
    String restoredBad = restored.remove("big2.bin");
    Acceptance.assertSameContents(expected, restored);
    // whatever is left of the damaged file, it is not passed off as the original
    assertThat(restoredBad).isNotEqualTo(badHash);

    // restic sees the same damage
    ResticBinary.Result check = ResticBinary.require().check(repo, PASSWORD, true);
    assertThat(check.exitCode()).isNotZero();
    assertThat(check.stdoutText() + check.stderr()).contains(packHex.substring(0, 8));
  }
}
