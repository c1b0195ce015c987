package dev.cairn.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.pack.PackedBlob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexTest {
  /** The index of fixture restic014-v2-testpol as restic 0.14 wrote it (restic-format.md 6). */
  static final String RESTIC_INDEX = "{\"packs\":[{\"id\":\"a37c5f9e1a506b748913052ee1afdbceb4d12"
      + "8207b4c553ee41505326d5194ce\",\"blobs\":[{\"id\":\"f5a0494449f1f3fb75f06beeec289e05bdf03"
      + "8db9fd23b8c571116891ac6a5fe\",\"type\":\"data\",\"offset\":54,\"length\":14201,"
      + "\"uncompressed_length\":14159},{\"id\":\"fbbd69198637d5360353c39796181175de6311c2a61abe"
      + "2fe6392c938018660f\",\"type\":\"data\",\"offset\":0,\"length\":54,\"uncompressed_length\""
      + ":13}]},{\"id\":\"ee57044b0bd2cbf29ab0ed1c12741cf894b1d664e7ceda6c2bc1cdf254cb9d45\","
      + "\"blobs\":[{\"id\":\"ac08ce34ba4f8123618661bef2425f7028ffb9ac740578a3ee88684d2523fee8\","
      + "\"type\":\"tree\",\"offset\":0,\"length\":54,\"uncompressed_length\":13}]}]}\n";

  @Test
  void decodesResticIndexAndEncodesItBack() {
    IndexFile idx = IndexFile.decode(RESTIC_INDEX.getBytes(StandardCharsets.US_ASCII), "test");
    assertThat(idx.blobCount()).isEqualTo(3);
    PackedBlob b = idx.packs().values().iterator().next().get(0);
    assertThat(b.offset()).isEqualTo(54);
    assertThat(b.length()).isEqualTo(14201);
    assertThat(b.uncompressedLength()).isEqualTo(14159);
    assertThat(new String(idx.encode(), StandardCharsets.US_ASCII)).isEqualTo(RESTIC_INDEX);
  }

  @Test
  void acceptsLegacyArraysAndIgnoresSupersedes() {
    String legacy = "[{\"id\":\"" + "11".repeat(32) + "\",\"blobs\":[{\"id\":\"" + "22".repeat(32)
        + "\",\"type\":\"tree\",\"offset\":0,\"length\":40}]}]";
    assertThat(IndexFile.decode(legacy.getBytes(), "legacy").blobCount()).isEqualTo(1);
    String withSupersedes = "{\"supersedes\":[\"" + "33".repeat(32) + "\"],\"packs\":[]}";
    assertThat(IndexFile.decode(withSupersedes.getBytes(), "s").blobCount()).isZero();
    assertThatThrownBy(() -> IndexFile.decode("\"x\"".getBytes(), "index/bad"))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("index/bad");
  }

  @Test
  void masterIndexFindsEveryBlobAndKeepsDuplicates() {
    MasterIndex mi = new MasterIndex();
    Random rnd = new Random(7);
    List<PackedBlob> all = new ArrayList<>();
    for (int p = 0; p < 50; p++) {
      byte[] packId = new byte[32];
      rnd.nextBytes(packId);
      List<PackedBlob> blobs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        byte[] id = new byte[32];
        rnd.nextBytes(id);
        BlobType t = i % 10 == 0 ? BlobType.TREE : BlobType.DATA;
        blobs.add(new PackedBlob(new BlobHandle(Id.of(id), t), Id.of(packId), i * 100L, 100 + i,
            i % 2 == 0 ? 0 : 500));
      }
      mi.addPack(blobs);
      all.addAll(blobs);
    }
    assertThat(mi.size()).isEqualTo(10_000);
    for (PackedBlob b : all) {
      assertThat(mi.lookup(b.handle())).isEqualTo(b);
    }
    PackedBlob first = all.get(3);
    assertThat(mi.has(new BlobHandle(first.id(), BlobType.TREE))).isFalse();
    PackedBlob copy = new PackedBlob(first.handle(), Id.hash(new byte[1]), 7, first.length(), 0);
    mi.addPack(List.of(copy));
    assertThat(mi.lookup(first.handle())).isEqualTo(first);
    assertThat(mi.lookupAll(first.handle())).containsExactly(first, copy);
    assertThat(mi.packs()).hasSize(51);
  }
}
