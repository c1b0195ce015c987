package dev.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.BlobType;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.crypto.KdfParams;
import dev.cairn.pack.Compression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepositoryRoundTripTest {
  private static final KdfParams FAST = new KdfParams(1024, 8, 1);

  @Test
  void blobsSurviveReopen() throws Exception {
    MemBackend be = new MemBackend();
    Repository repo = RepositoryOpener.init(be, "pw", 2, "3da3358b4dc173", FAST);
    Random rnd = new Random(1);
    List<byte[]> blobs = new ArrayList<>();
    try (PackUploader up = repo.newUploader(64 * 1024)) {
      for (int i = 0; i < 40; i++) {
        byte[] b = new byte[rnd.nextInt(20_000)];
        if (i % 2 == 0) {
          rnd.nextBytes(b);
        }
        blobs.add(b);
        int added = up.saveBlob(BlobType.DATA, Id.hash(b), b, 0, b.length);
        assertThat(added).isGreaterThan(0);
        assertThat(up.saveBlob(BlobType.DATA, Id.hash(b), b, 0, b.length)).isEqualTo(-1);
      }
      byte[] tree = "{\"nodes\":[]}\n".getBytes();
      up.saveBlob(BlobType.TREE, Id.hash(tree), tree, 0, tree.length);
      assertThat(up.flush()).hasSize(1);
      assertThat(up.stats().dataBlobs()).isEqualTo(40);
      assertThat(up.stats().packs()).isGreaterThan(2);
    }
    Repository again = RepositoryOpener.open(be, "pw", Compression.AUTO);
    again.loadIndex();
    for (byte[] b : blobs) {
      assertThat(again.loadBlob(BlobType.DATA, Id.hash(b))).isEqualTo(b);
    }
    assertThat(again.index().size()).isEqualTo(41);
  }

  @Test
  void unpackedFilesRoundTripCompressedInV2AndPlainInV1() throws Exception {
    for (int version = 1; version <= 2; version++) {
      Repository repo = RepositoryOpener.init(new MemBackend(), "pw", version, "3da3358b4dc173", FAST);
      byte[] json = "{\"hello\":\"world\"}".getBytes();
      Id id = repo.saveUnpacked(FileType.SNAPSHOT, json);
      assertThat(repo.loadUnpacked(FileType.SNAPSHOT, id)).isEqualTo(json);
      assertThat(repo.resolve(FileType.SNAPSHOT, id.hex().substring(0, 6))).isEqualTo(id);
    }
  }

  @Test
  void exclusiveLockConflictsWithAnyLock() throws Exception {
    Repository repo = RepositoryOpener.init(new MemBackend(), "pw", 2, "3da3358b4dc173", FAST);
    try (Lock shared = Lock.acquire(repo, false, Duration.ZERO);
        Lock second = Lock.acquire(repo, false, Duration.ZERO)) {
      assertThat(repo.list(FileType.LOCK)).hasSize(2);
      assertThatThrownBy(() -> Lock.acquire(repo, true, Duration.ZERO))
          .isInstanceOf(LockConflictException.class)
          .hasMessageContaining("PID " + ProcessHandle.current().pid());
      shared.refresh();
      assertThat(repo.list(FileType.LOCK)).hasSize(2).contains(shared.id());
    }
    assertThat(repo.list(FileType.LOCK)).isEmpty();
    try (Lock ex = Lock.acquire(repo, true, Duration.ZERO)) {
      assertThatThrownBy(() -> Lock.acquire(repo, false, Duration.ZERO))
          .isInstanceOf(LockConflictException.class)
          .hasMessageContaining("exclusively");
    }
  }
}
