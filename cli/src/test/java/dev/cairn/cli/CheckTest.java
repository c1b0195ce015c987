package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.backend.local.LocalBackend;
import dev.cairn.core.BlobType;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.index.IndexFile;
import dev.cairn.pack.Compression;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.testing.Fixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cairn check}: clean repositories pass; each kind of damage fails and is named. */
class CheckTest {
  @TempDir Path tmp;

  private Path repo;
  private Cli cli;

  /** A repository written by Cairn: several data packs and a tree pack. */
  private void cairnRepo() throws IOException {
    Path src = tmp.resolve("src");
    Random rnd = new Random(7);
    for (int i = 0; i < 3; i++) {
      Acceptance.writeRandom(src.resolve("big" + i + ".bin"), 700 * 1024, rnd);
    }
    for (int i = 0; i < 4; i++) {
      Acceptance.writeRandom(src.resolve("dir/s" + i + ".bin"), 500 + 300 * i, rnd);
    }
    repo = tmp.resolve("repo");
    cli = new Cli(repo, PASSWORD);
    cli.run("init").assertOk();
    cli.run("backup", src.toString()).assertOk();
  }

  /** The first blob of the given type, from the index. */
  private PackedBlob someBlob(BlobType type) throws IOException {
    AtomicReference<PackedBlob> found = new AtomicReference<>();
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO)) {
      r.loadIndex();
      r.index().forEach(b -> {
        if (b.type() == type && found.get() == null) {
          found.set(b);
        }
      });
    }
    assertThat(found.get()).isNotNull();
    return found.get();
  }

  private Path packFile(Id pack) {
    String hex = pack.hex();
    return repo.resolve("data").resolve(hex.substring(0, 2)).resolve(hex);
  }

  private static void flip(Path file, long at) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
  }

  private static String all(Cli.Result r) {
    return r.stdout() + r.stderr();
  }

  @Test
  void cleanCairnRepositoryPasses() throws Exception {
    cairnRepo();
    Cli.Result r = cli.run("check", "--read-data");
    assertThat(r.exitCode()).as(all(r)).isZero();
    assertThat(r.stdout()).contains("load indexes", "check all packs",
        "check snapshots, trees and blobs", "read all data", "no errors were found");
    cli.run("check").assertOk();
    cli.run("check", "--read-data-subset", "1/3").assertOk();
    cli.run("check", "--read-data-subset", "50%").assertOk();
    cli.run("check", "--read-data-subset", "1M").assertOk();
  }

  @Test
  void resticV2FixturePasses() throws Exception {
    repo = Fixtures.extract("restic014-v2-testpol", tmp.resolve("fx")).resolve("repo014");
    Cli.Result r = new Cli(repo, "testpass").run("check", "--read-data");
    assertThat(r.exitCode()).as(all(r)).isZero();
    assertThat(r.stdout()).contains("no errors were found");
  }

  @Test
  void upstreamV1FixturePasses() throws Exception {
    repo = Fixtures.extract("upstream-small-repo", tmp.resolve("fx")).resolve("repo");
    Cli.Result r = new Cli(repo, "geheim").run("check", "--read-data");
    assertThat(r.exitCode()).as(all(r)).isZero();
  }

  @Test
  void upstreamDataMissingFixtureFails() throws Exception {
    repo = Fixtures.extract("upstream-repo-data-missing", tmp.resolve("fx")).resolve("repo");
    Cli.Result r = new Cli(repo, "geheim").run("check");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(1);
    assertThat(all(r)).contains("not found");
  }

  @Test
  void flippedByteInDataPackIsFoundByReadData() throws Exception {
    cairnRepo();
    PackedBlob b = someBlob(BlobType.DATA);
    flip(packFile(b.pack()), b.offset() + b.length() / 2);
    // the structure check does not read data blobs
    cli.run("check").assertOk();
    Cli.Result r = cli.run("check", "--read-data");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(1);
    assertThat(all(r)).contains(b.pack().hex()).contains(b.id().hex());
  }

  @Test
  void flippedByteInTreePackFails() throws Exception {
    cairnRepo();
    PackedBlob b = someBlob(BlobType.TREE);
    flip(packFile(b.pack()), b.offset() + b.length() / 2);
    Cli.Result r = cli.run("check");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(1);
    assertThat(all(r)).contains(b.pack().hex());
  }

  @Test
  void flippedByteInIndexFileFails() throws Exception {
    cairnRepo();
    List<Path> indexes = new ArrayList<>();
    try (var s = Files.list(repo.resolve(FileType.INDEX.dir()))) {
      s.forEach(indexes::add);
    }
    Path index = indexes.get(0);
    flip(index, Files.size(index) / 2);
    Cli.Result r = cli.run("check");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(1);
    assertThat(all(r)).contains("index " + index.getFileName());
  }

  @Test
  void missingPackFails() throws Exception {
    cairnRepo();
    PackedBlob b = someBlob(BlobType.DATA);
    Files.delete(packFile(b.pack()));
    Cli.Result r = cli.run("check");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(1);
    assertThat(all(r)).contains("pack " + b.pack().hex() + ": not found");
  }

  @Test
  void truncatedPackFails() throws Exception {
    cairnRepo();
    PackedBlob b = someBlob(BlobType.DATA);
    Path pack = packFile(b.pack());
    Files.setPosixFilePermissions(pack, PosixFilePermissions.fromString("rw-------"));
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    Cli.Result r = cli.run("check");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(1);
    assertThat(all(r)).contains("pack " + b.pack().hex()).contains("size mismatch");
  }

  @Test
  void unreferencedPackIsOnlyAWarning() throws Exception {
    cairnRepo();
    Id fake = Id.hash(new byte[] {1, 2, 3});
    Path file = packFile(fake);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1, 2, 3});
    Cli.Result r = cli.run("check");
    assertThat(r.exitCode()).as(all(r)).isZero();
    assertThat(all(r)).contains("pack " + fake.hex() + ": not referenced in any index");
  }

  @Test
  void indexDisagreeingWithPackHeaderFails() throws Exception {
    cairnRepo();
    List<Path> indexes = new ArrayList<>();
    try (var s = Files.list(repo.resolve(FileType.INDEX.dir()))) {
      s.forEach(indexes::add);
    }
    Id swappedPack = null;
    PackedBlob moved = null;
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO)) {
      IndexFile rewritten = new IndexFile();
      for (Path p : indexes) {
        IndexFile f = IndexFile.decode(
            r.loadUnpacked(FileType.INDEX, Id.parse(p.getFileName().toString())), p.toString());
        for (var e : f.packs().entrySet()) {
          List<PackedBlob> blobs = new ArrayList<>(e.getValue());
          if (swappedPack == null && blobs.size() >= 2) {
            // swap the offsets of two blobs: the pack size implied by the index stays right
            PackedBlob a = blobs.get(0);
            PackedBlob b = blobs.get(1);
            blobs.set(0, new PackedBlob(a.handle(), a.pack(), b.offset(), a.length(),
                a.uncompressedLength()));
            blobs.set(1, new PackedBlob(b.handle(), b.pack(), a.offset(), b.length(),
                b.uncompressedLength()));
            swappedPack = e.getKey();
            moved = a;
          }
          rewritten.add(e.getKey(), blobs);
        }
      }
      r.saveUnpacked(FileType.INDEX, rewritten.encode());
    }
    assertThat(swappedPack).isNotNull();
    for (Path p : indexes) {
      Files.delete(p);
    }
    Cli.Result r = cli.run("check");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(1);
    assertThat(all(r)).contains("pack " + swappedPack.hex() + ": blob " + moved.id().hex());
  }

  /** Upstream fixtures, damaged or odd on purpose: exit codes as restic 0.14 gives them. */
  @ParameterizedTest
  @CsvSource({
    "upstream-repo-data-missing, 1",
    "upstream-repo-unused-data-missing, 1",
    "upstream-repo-index-missing, 1",
    "upstream-repo-index-missing-blob, 1",
    "upstream-repo-duplicates, 0",
    "upstream-repo-mixed, 0",
    "upstream-repo-obsolete-index, 0",
    "upstream-repo-unreferenced-data, 0",
    "upstream-repo-same-timestamps, 0",
  })
  void upstreamFixturesGiveResticsExitCode(String fixture, int exit) throws Exception {
    repo = Fixtures.extract(fixture, tmp.resolve("fx")).resolve("repo");
    Cli.Result r = new Cli(repo, "geheim").run("check", "--read-data");
    assertThat(r.exitCode()).as(all(r)).isEqualTo(exit);
    if (fixture.equals("upstream-repo-obsolete-index")) {
      assertThat(r.stdout()).contains("contained in several indexes");
    }
  }
}
