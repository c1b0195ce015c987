package dev.cairn.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.Key;
import dev.cairn.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pack headers and blobs written by restic 0.14 (fixture restic014-v2-testpol). */
class ResticPackTest {
  /** The master key of the fixture, from {@code restic cat masterkey}. */
  static final Key MASTER = new Key(
      Base64.getDecoder().decode("odvyZ8mj60y6NesOrD+4mwBgo1+kY3FY+9v1I++xrco="),
      Base64.getDecoder().decode("00Kqtytz8JL7QeqSPPYbgA=="),
      Base64.getDecoder().decode("j1HmAdjPHwkY4xUNeKLFAw=="));

  @TempDir Path tmp;

  private byte[] pack(String id) throws Exception {
    Path repo = Fixtures.extract("restic014-v2-testpol", tmp).resolve("repo014");
    return Files.readAllBytes(repo.resolve("data").resolve(id.substring(0, 2)).resolve(id));
  }

  @Test
  void parsesResticDataPackHeaderAndOpensEveryBlob() throws Exception {
    String hex = "a37c5f9e1a506b748913052ee1afdbceb4d128207b4c553ee41505326d5194ce";
    byte[] bytes = pack(hex);
    Id id = Id.parse(hex);
    assertThat(bytes).hasSize(1_300_452);
    assertThat(Id.hash(bytes)).isEqualTo(id);
    assertThat(PackReader.headerLength(id, bytes, bytes.length)).isEqualTo(196);
    List<PackedBlob> blobs = PackReader.parse(id, bytes, bytes.length, MASTER, 2);
    assertThat(blobs).hasSize(4);
    assertThat(PackHeader.packSize(blobs)).isEqualTo(bytes.length);
    PackedBlob first = blobs.get(0);
    assertThat(first.id().hex()).startsWith("fbbd6919");
    assertThat(first.offset()).isZero();
    assertThat(first.length()).isEqualTo(54);
    assertThat(first.uncompressedLength()).isEqualTo(13);
    BlobCodec codec = new BlobCodec(MASTER, Compression.AUTO);
    for (PackedBlob b : blobs) {
      assertThat(Id.hash(codec.open(b, bytes, (int) b.offset()))).isEqualTo(b.id());
    }
    assertThat(new String(codec.open(first, bytes, 0))).isEqualTo("hello restic\n");
  }

  @Test
  void aFlippedByteIsCaughtNamingBlobAndPack() throws Exception {
    String hex = "a37c5f9e1a506b748913052ee1afdbceb4d128207b4c553ee41505326d5194ce";
    byte[] bytes = pack(hex);
    List<PackedBlob> blobs = PackReader.parse(Id.parse(hex), bytes, bytes.length, MASTER, 2);
    bytes[20] ^= 0x40;
    BlobCodec codec = new BlobCodec(MASTER, Compression.AUTO);
    assertThatThrownBy(() -> codec.open(blobs.get(0), bytes, 0))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(blobs.get(0).id().hex())
        .hasMessageContaining(hex);
  }

  @Test
  void packWriterOutputParsesBack() {
    Key key = Key.random();
    BlobCodec codec = new BlobCodec(key, Compression.AUTO);
    PackWriter w = new PackWriter(key, new byte[1024]);
    byte[] tree = "{\"nodes\":[]}\n".getBytes();
    byte[] data = new byte[100_000];
    w.add(codec.seal(new BlobHandle(Id.hash(tree), BlobType.TREE), tree, 0, tree.length));
    w.add(codec.seal(new BlobHandle(Id.hash(data), BlobType.DATA), data, 0, data.length));
    FinishedPack p = w.finish();
    byte[] file = java.util.Arrays.copyOf(p.data(), p.length());
    assertThat(Id.hash(file)).isEqualTo(p.id());
    List<PackedBlob> back = PackReader.parse(p.id(), file, file.length, key, 2);
    assertThat(back).isEqualTo(p.blobs());
    assertThat(PackHeader.packSize(back)).isEqualTo(file.length);
    assertThat(codec.open(back.get(1), file, (int) back.get(1).offset())).isEqualTo(data);
  }
}
