package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.SampleTree.Kind;
import dev.cairn.testing.TreeSnapshot.Aspect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleTreeTest {
  @TempDir Path tmp;

  private static String attr(TreeSnapshot s, String path, Aspect aspect) {
    return s.get(path).orElseThrow(() -> new AssertionError("no " + path)).attributes().get(aspect);
  }

  @Test
  void createsWhatItClaims() throws Exception {
    SampleTree tree = SampleTree.create(tmp.resolve("t"));
    TreeSnapshot s = TreeSnapshot.of(tree.root());

    assertThat(s.entries().stream().map(TreeEntry::type).collect(Collectors.toSet()))
        .contains("dir", "file", "symlink");
    assertThat(attr(s, "empty", Aspect.SIZE)).isEqualTo("0");
    assertThat(attr(s, "one", Aspect.SIZE)).isEqualTo("1");
    assertThat(attr(s, "thirteen", Aspect.SIZE)).isEqualTo("13");
    assertThat(attr(s, "text.txt", Aspect.SIZE)).isEqualTo("102400");
    assertThat(attr(s, "random.bin", Aspect.SIZE)).isEqualTo("3145728");
    assertThat(s.get("dir/empty-dir")).isPresent();
    assertThat(s.get("dir/nested/deeper/leaf.txt")).isPresent();
    String hex = HexFormat.of().formatHex("../thirteen".getBytes(StandardCharsets.UTF_8));
    assertThat(attr(s, "links/relative", Aspect.TARGET)).isEqualTo(hex);
    assertThat(attr(s, "links/dangling", Aspect.TYPE)).isEqualTo("symlink");
    assertThat(attr(s, "hard/same-dir-b", Aspect.HARDLINK))
        .isEqualTo(attr(s, "hard/same-dir-a", Aspect.HARDLINK))
        .isNotEqualTo("-");
    assertThat(attr(s, "dir/nested/across-link", Aspect.HARDLINK))
        .isEqualTo(attr(s, "hard/across", Aspect.HARDLINK))
        .isNotEqualTo("-");
    assertThat(attr(s, "thirteen", Aspect.HARDLINK)).isEqualTo("-");
    assertThat(attr(s, "modes/private", Aspect.MODE)).isEqualTo("0600");
    assertThat(attr(s, "modes/exec", Aspect.MODE)).isEqualTo("0755");
    assertThat(attr(s, "modes/readonly", Aspect.MODE)).isEqualTo("0444");
    assertThat(attr(s, "modes/setuid", Aspect.MODE)).isEqualTo("4755");
    assertThat(attr(s, "modes/setgid", Aspect.MODE)).isEqualTo("2755");
    assertThat(attr(s, "modes/setgid-dir", Aspect.MODE)).isEqualTo("2755");
    assertThat(attr(s, "modes/sticky-dir", Aspect.MODE)).isEqualTo("1777");

    long base = SampleTree.BASE_TIME.getEpochSecond() * 1_000_000_000L
        + SampleTree.BASE_TIME.getNano();
    assertThat(attr(s, "", Aspect.MTIME)).isEqualTo(Long.toString(base));
    assertThat(s.entries())
        .allSatisfy(e -> assertThat(Long.parseLong(e.attributes().get(Aspect.MTIME)) % 1000)
            .as("nanoseconds of %s", e.displayPath()).isNotZero());
    assertThat(s.entries().stream().map(e -> e.attributes().get(Aspect.MTIME)).distinct().count())
        .as("symlinks have their own mtimes").isGreaterThan(30);

    if (tree.kinds().contains(Kind.XATTR)) {
      assertThat(attr(s, "xattr.txt", Aspect.XATTRS))
          .contains(hex("user.cairn.binary") + "=0001fffe0a")
          .contains(hex("user.cairn.text") + "=" + hex("hello"));
    }
    if (tree.kinds().contains(Kind.SPARSE_FILE)) {
      assertThat(attr(s, "sparse.img", Aspect.SPARSE)).isEqualTo("sparse");
      assertThat(attr(s, "sparse.img", Aspect.SIZE)).isEqualTo(Long.toString(64L << 20));
    }
    assertThat(attr(s, "random.bin", Aspect.SPARSE)).isEqualTo("dense");
    if (HostTools.isRoot()) {
      assertThat(tree.kinds()).contains(Kind.FIFO, Kind.CHAR_DEVICE, Kind.FOREIGN_OWNER);
      assertThat(attr(s, "fifo", Aspect.TYPE)).isEqualTo("fifo");
      assertThat(attr(s, "null-device", Aspect.TYPE)).isEqualTo("chardev");
      assertThat(attr(s, "null-device", Aspect.RDEV)).isEqualTo("1:3");
      assertThat(attr(s, "owned", Aspect.UID)).isEqualTo("1234");
      assertThat(attr(s, "owned", Aspect.GID)).isEqualTo("5678");
    }
  }

  @Test
  void awkwardNamesAreCreatedByteExact() throws Exception {
    SampleTree tree = SampleTree.create(tmp.resolve("t")).addAwkwardNames();
    TreeSnapshot s = TreeSnapshot.of(tree.root());
    assertThat(tree.kinds()).contains(Kind.AWKWARD_NAMES);
    for (byte[] name : AwkwardNames.names()) {
      byte[] path = concat("awkward/".getBytes(StandardCharsets.UTF_8), name);
      assertThat(s.get(path)).as(TreeEntry.display(name)).isPresent();
    }
    byte[] dir = concat("awkward/".getBytes(StandardCharsets.UTF_8), AwkwardNames.dirName());
    assertThat(s.get(dir).orElseThrow().type()).isEqualTo("dir");
    assertThat(TreeEntry.display(AwkwardNames.dirName())).isEqualTo("dir\\nwith-\\xff");
    assertThat(TreeEntry.display("a\u00a0\u2028\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("a\\u00a0\\u2028\uD83D\uDE00");
  }

  @Test
  void isDeterministic() throws Exception {
    Path a = SampleTree.create(tmp.resolve("a")).addAwkwardNames().root();
    Path b = SampleTree.create(tmp.resolve("b")).addAwkwardNames().root();
    TreeSnapshot.assertSameAs(a, b);
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
