package dev.cairn.bench;

import dev.cairn.backend.local.LocalBackend;
import dev.cairn.core.BlobType;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.crypto.KdfParams;
import dev.cairn.index.IndexFile;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.PackUploader;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.tree.Timestamp;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes a restic repository (version 2) whose index lists {@code N} synthetic blobs ({@link
 * SyntheticBlobs}) in index files of at most 50,000 blobs, as restic writes them, plus one real
 * pack with an empty tree and one snapshot of it, so that {@code restic ls latest} and {@code
 * cairn ls latest} open the repository, load the whole index and list the (empty) snapshot. The
 * synthetic packs do not exist; listing a snapshot never reads them.
 *
 * <p>Usage: {@code RESTIC_PASSWORD=... java -cp benchmarks.jar dev.cairn.bench.SyntheticRepo DIR N}
 */
public final class SyntheticRepo {
  static final int INDEX_FULL = 50_000;

  private SyntheticRepo() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    long n = Long.parseLong(args[1].replace("_", ""));
    String password = System.getenv("RESTIC_PASSWORD");
    if (password == null) {
      throw new IllegalArgumentException("set RESTIC_PASSWORD");
    }
    Repository repo =
        RepositoryOpener.init(new LocalBackend(dir), password, 2, "3da3358b4dc173", KdfParams.DEFAULT);
    byte[] tree = Tree.EMPTY.encode();
    Id treeId = Id.hash(tree);
    try (PackUploader up = repo.newUploader(16 << 20)) {
      up.saveBlob(BlobType.TREE, treeId, tree, 0, tree.length);
      up.flush();
    }
    IndexFile[] pending = {new IndexFile()};
    int[] count = {0};
    new SyntheticBlobs(42).forEachPack(n, (List<PackedBlob> pack) -> {
      pending[0].add(pack.get(0).pack(), pack);
      count[0] += pack.size();
      if (count[0] >= INDEX_FULL) {
        save(repo, pending[0]);
        pending[0] = new IndexFile();
        count[0] = 0;
      }
    });
    if (count[0] > 0) {
      save(repo, pending[0]);
    }
    Snapshot snap = Snapshot.of(Timestamp.ofUtc(Instant.now()), treeId, List.of("/synthetic"));
    Id snapId = repo.saveUnpacked(FileType.SNAPSHOT, snap.encode());
    System.out.println("repository " + dir + ": " + n + " synthetic blobs, snapshot "
        + snapId.shortHex());
  }

  private static void save(Repository repo, IndexFile file) {
    try {
      repo.saveUnpacked(FileType.INDEX, file.encode());
    } catch (IOException e) {
      throw new UncheckedIOException("unable to save index file", e);
    }
  }
}
