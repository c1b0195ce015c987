package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.TreeSnapshot.Aspect;
import dev.cairn.testing.TreeSnapshot.Options;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of difference TreeSnapshot claims to see, on a fresh sample tree each time. */
class TreeSnapshotTest {
  @TempDir Path tmp;
  Path root;
  TreeSnapshot before;

  @BeforeEach
  void setUp() throws Exception {
    root = SampleTree.create(tmp.resolve("t")).root();
    before = TreeSnapshot.of(root);
  }

  private List<String> after() {
    return before.diff(TreeSnapshot.of(root));
  }

  /** Runs {@code change} on {@code rel}, then puts back the mtimes of rel and its parent. */
  private void keepingMtimes(String rel, Change change) throws Exception {
    Path p = root.resolve(rel);
    FileTime own = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    FileTime parent = Files.getLastModifiedTime(p.getParent());
    change.run(p);
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      Mtimes.set(p, own.toInstant());
    }
    Mtimes.set(p.getParent(), parent.toInstant());
  }

  interface Change {
    void run(Path p) throws Exception;
  }

  @Test
  void identicalWhenUnchanged() {
    assertThat(after()).isEmpty();
  }

  @Test
  void changedByte() throws Exception {
    keepingMtimes("random.bin", p -> {
      try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
        raf.seek(1_000_000);
        int b = raf.read();
        raf.seek(1_000_000);
        raf.write(b ^ 1);
      }
    });
    assertThat(after()).singleElement().asString().startsWith("random.bin: SHA256 ");
  }

  @Test
  void changedMode() throws Exception {
    HostTools.chmod(root.resolve("modes/private"), 0644);
    assertThat(after()).containsExactly("modes/private: MODE 0600 != 0644");
  }

  @Test
  void changedMtimeByOneNanosecond() throws Exception {
    Path p = root.resolve("thirteen");
    FileTime t = Files.getLastModifiedTime(p);
    Mtimes.set(p, t.toInstant().plusNanos(1));
    assertThat(after()).singleElement().asString().startsWith("thirteen: MTIME ");
    assertThat(before.diff(TreeSnapshot.of(root), Options.strict().ignoring(Aspect.MTIME)))
        .isEmpty();
  }

  @Test
  void symlinkAndDirMtimesCanBeIgnored() throws Exception {
    Mtimes.set(root.resolve("links/relative"), SampleTree.BASE_TIME);
    Mtimes.set(root.resolve("dir"), SampleTree.BASE_TIME);
    assertThat(after()).hasSize(2);
    Options lenient = Options.strict().ignoringSymlinkMtime().ignoringDirMtime();
    assertThat(before.diff(TreeSnapshot.of(root), lenient)).isEmpty();
  }

  @Test
  void missingFile() throws Exception {
    keepingMtimes("one", Files::delete);
    assertThat(after()).containsExactly("missing: one (file)");
  }

  @Test
  void brokenHardLink() throws Exception {
    keepingMtimes("dir/nested/across-link", p -> {
      Path copy = p.resolveSibling("copy");
      Files.copy(p, copy, StandardCopyOption.COPY_ATTRIBUTES);
      Files.move(copy, p, StandardCopyOption.REPLACE_EXISTING);
    });
    assertThat(after())
        .anySatisfy(d -> assertThat(d).startsWith("dir/nested/across-link: HARDLINK"))
        .anySatisfy(d -> assertThat(d).startsWith("hard/across: HARDLINK"));
  }

  @Test
  void changedXattr() throws Exception {
    assertThat(before.get("xattr.txt").orElseThrow().attributes().get(Aspect.XATTRS))
        .isNotEqualTo("-");
    Files.getFileAttributeView(root.resolve("xattr.txt"), UserDefinedFileAttributeView.class)
        .write("cairn.binary", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff, (byte) 0xfe, 11}));
    assertThat(after()).singleElement().asString().startsWith("xattr.txt: XATTRS ");
  }

  @Test
  void lostSparseness() throws Exception {
    keepingMtimes("sparse.img", p -> {
      Path dense = p.resolveSibling("dense");
      HostTools.exec("cp", "--sparse=never", "--preserve=all", p.toString(), dense.toString());
      Files.move(dense, p, StandardCopyOption.REPLACE_EXISTING);
    });
    assertThat(after()).containsExactly("sparse.img: SPARSE sparse != dense");
    assertThat(before.diff(TreeSnapshot.of(root), Options.resticRoundTrip())).isEmpty();
  }

  @Test
  void unexpectedEntryAndFailureMessage() throws Exception {
    Path copy = tmp.resolve("copy");
    HostTools.exec("cp", "-a", root.toString(), copy.toString());
    TreeSnapshot.assertSameAs(root, copy);
    Files.writeString(copy.resolve("dir/new\nname"), "x");
    assertThatThrownBy(() -> TreeSnapshot.assertSameAs(root, copy, Options.strict().ignoring(
            Aspect.MTIME)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("unexpected: dir/new\\nname (file)");
  }
}
