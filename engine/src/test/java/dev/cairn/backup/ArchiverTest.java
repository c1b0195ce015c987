package dev.cairn.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.backend.mem.MemBackend;
import dev.cairn.chunker.Polynomial;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.crypto.KdfParams;
import dev.cairn.filter.PathPatterns;
import dev.cairn.fs.FileScanner;
import dev.cairn.repository.PackUploader;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backs up real directories into an in-memory repository and inspects the result. */
class ArchiverTest {
  private static final Polynomial POL = Polynomial.parse("3da3358b4dc173");

  @TempDir Path tmp;
  private Repository repo;

  @BeforeEach
  void init() throws IOException {
    repo = RepositoryOpener.init(new MemBackend(), "pw", 2, POL.hex(), new KdfParams(1024, 8, 1));
  }

  private ArchiveResult backup(Path src, Id parent, ArchiverOptions opts) throws IOException {
    try (PackUploader up = repo.newUploader(4 << 20)) {
      ArchiveResult r = new Archiver(up, repo, new FileScanner(), opts, BackupProgress.NONE)
          .archive(List.of(src), parent, POL);
      up.flush();
      return r;
    }
  }

  private static void write(Path p, byte[] data) throws IOException {
    Files.createDirectories(p.getParent());
    Files.write(p, data);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void unchangedFilesAreNotReadAgain() throws IOException {
    Path src = tmp.resolve("src");
    write(src.resolve("a/big.bin"), random(3 << 20, 1));
    write(src.resolve("b.txt"), "hello".getBytes());
    ArchiveResult first = backup(src, null, ArchiverOptions.defaults());
    assertThat(first.stats().filesNew()).isEqualTo(2);
    assertThat(first.stats().bytesRead()).isEqualTo((3 << 20) + 5);
    long dataBlobs = blobs(BlobType.DATA);

    ArchiveResult second = backup(src, first.tree(), ArchiverOptions.defaults());
    assertThat(second.stats().bytesRead()).isZero();
    assertThat(second.stats().filesUnmodified()).isEqualTo(2);
    assertThat(blobs(BlobType.DATA)).isEqualTo(dataBlobs);
  }

  @Test
  void aDirectoryWhoseMetadataAloneChangedCountsAsChangedAsInRestic() throws IOException {
    Path src = tmp.resolve("src");
    write(src.resolve("a/f.txt"), "f".getBytes());
    write(src.resolve("b/g.txt"), "g".getBytes());
    ArchiveResult first = backup(src, null, ArchiverOptions.defaults());
    Files.setLastModifiedTime(src.resolve("a"),
        FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));

    ArchiveResult second = backup(src, first.tree(), ArchiverOptions.defaults());
    // a (its mtime), then src and every ancestor above it (their subtrees); b is the same
    assertThat(second.stats().dirsChanged()).isEqualTo(src.getNameCount() + 1);
    assertThat(second.stats().dirsUnmodified()).isEqualTo(1);
    assertThat(second.stats().dirsNew()).isZero();
  }

  private long blobs(BlobType type) {
    long[] n = {0};
    repo.index().forEach(b -> n[0] += b.type() == type ? 1 : 0);
    return n[0];
  }

  @Test
  void changingOneMiBOfALargeFileUploadsOnlyTheAffectedChunks() throws IOException {
    Path src = tmp.resolve("src");
    Path big = src.resolve("big.bin");
    write(big, random(40 << 20, 2));
    ArchiveResult first = backup(src, null, ArchiverOptions.defaults());
    long dataBefore = blobs(BlobType.DATA);
    long treesBefore = blobs(BlobType.TREE);
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.seek(20 << 20);
      f.write(random(1 << 20, 3));
    }
    ArchiveResult second = backup(src, first.tree(), ArchiverOptions.defaults());
    assertThat(second.stats().filesChanged()).isEqualTo(1);
    // one or a few chunks around the change
    assertThat(blobs(BlobType.DATA) - dataBefore).isBetween(1L, 4L);
    // and every tree on the way down to the file: the root tree and the tree of each component
    // of src, however deep the temporary directory is
    assertThat(blobs(BlobType.TREE) - treesBefore).isEqualTo(src.getNameCount() + 1);
  }

  @Test
  void excludesAndTreeShape() throws IOException {
    Path src = tmp.resolve("src");
    write(src.resolve("keep.txt"), "k".getBytes());
    write(src.resolve("skip.log"), "s".getBytes());
    write(src.resolve("cache/x"), "x".getBytes());
    ArchiverOptions opts = new ArchiverOptions(new PathPatterns(List.of("*.log", "cache")),
        false, false, false, 2, 2);
    ArchiveResult r = backup(src, null, opts);
    Tree root = Tree.decode(repo.loadBlob(BlobType.TREE, r.tree()));
    Node top = root.nodes().get(0);
    // absolute target: the root holds the first path component
    assertThat(top.type()).isEqualTo(NodeType.DIR);
    Tree t = root;
    for (Path comp : src) {
      Node n = t.find(comp.toString().getBytes());
      assertThat(n).as(comp.toString()).isNotNull();
      t = Tree.decode(repo.loadBlob(BlobType.TREE, n.subtree()));
    }
    assertThat(t.nodes()).extracting(Node::displayName).containsExactly("keep.txt");
  }

  @Test
  void missingTargetIsAnErrorButOthersAreSaved() throws IOException {
    Path src = tmp.resolve("src");
    write(src.resolve("f"), "f".getBytes());
    try (PackUploader up = repo.newUploader(4 << 20)) {
      ArchiveResult r = new Archiver(up, repo, new FileScanner(), ArchiverOptions.defaults(),
          BackupProgress.NONE).archive(List.of(src, tmp.resolve("nope")), null, POL);
      assertThat(r.errors()).hasSize(1).first().asString().contains("nope");
      assertThat(r.stats().filesNew()).isEqualTo(1);
    }
  }
}
