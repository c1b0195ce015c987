package dev.cairn.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.Id;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Tree blobs written by restic itself, decrypted from fixture repositories (restic014-v2-testpol,
 * upstream small-repo and copy-unstable-json, and a restic 0.14 backup of awkward names, special
 * files and xattrs made with TZ=Europe/Berlin): decoding then encoding must give the same bytes
 * and therefore the same tree id.
 */
class ResticTreeBytesTest {
  static byte[] resource(String name) {
    try (InputStream in = ResticTreeBytesTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "restic014-tree-36b6b074.json, 36b6b074e1a3b2bb101b0ebf1456230701405cbdcca60d1edd0f29256f73766c",
    "restic014-tree-a3ac4008.json, a3ac4008c24b1c3bcbd8d37fefa2a4dcc61f434b535890b07d355995c248909c",
    "restic014-tree-40fb22e3.json, 40fb22e3a12eb2240874194fad39c314125f900b42c135c2de352013f631c535",
    "restic014-tree-ac08ce34.json, ac08ce34ba4f8123618661bef2425f7028ffb9ac740578a3ee88684d2523fee8",
    "small-tree-5aa546ea.json, 5aa546ea2d35a48be6e10096b4fa8814804579232b428f83a6fdc33db1d839a9",
    "unstable-tree-eb1185ba.json, eb1185bae1c8842e1b790011bde5b85344706830fe0a2a686a4c765bee4ed3e9",
    "awkward-tree-49064230.json, 49064230a3963676b2b1f13be1256e5770d712ad5571ea56526924710dcd30d1",
  })
  void decodeThenEncodeReproducesResticBytes(String file, String id) {
    byte[] restic = resource(file);
    assertThat(Id.hash(restic).hex()).isEqualTo(id);

    Tree tree = Tree.decode(restic);

    assertThat(new String(tree.encode(), StandardCharsets.UTF_8))
        .isEqualTo(new String(restic, StandardCharsets.UTF_8));
    assertThat(tree.encode()).isEqualTo(restic);
    assertThat(tree.id().hex()).isEqualTo(id);
  }

  @Test
  void emptyTreeIsThirteenBytes() {
    assertThat(Tree.EMPTY.encode()).hasSize(13).isEqualTo(resource("restic014-tree-ac08ce34.json"));
    assertThat(Tree.EMPTY.id().hex())
        .isEqualTo("ac08ce34ba4f8123618661bef2425f7028ffb9ac740578a3ee88684d2523fee8");
  }

  @Test
  void restic014SourceDirectoryNodes() {
    Tree tree = Tree.decode(resource("restic014-tree-a3ac4008.json"));
    assertThat(tree.nodes()).extracting(Node::displayName)
        .containsExactly("big.bin", "empty", "emptydir", "hello.txt", "link", "sub");
    Node empty = tree.nodes().get(1);
    assertThat(empty.content()).isEmpty();
    assertThat(empty.size()).isZero();
    Node link = tree.find("link".getBytes(StandardCharsets.US_ASCII));
    assertThat(link.type()).isEqualTo(NodeType.SYMLINK);
    assertThat(link.content()).isNull();
    assertThat(link.linkTarget()).isEqualTo("hello.txt".getBytes(StandardCharsets.US_ASCII));
    assertThat(tree.nodes().get(2).subtree()).isEqualTo(Tree.EMPTY.id());
    assertThat(tree.nodes().get(0).deviceId()).isEqualTo(65024);
  }

  /**
   * restic 0.14 wrote a symlink target with invalid UTF-8 as {@code \ufffd} escapes. Decoding
   * yields real U+FFFD runes, which Go (and we) then write raw: the re-encoded tree differs, the
   * "unstable JSON" that restic's copy-unstable-json fixture documents.
   */
  @Test
  void invalidUtf8LinkTargetIsUnstable() {
    byte[] restic = resource("unstable-tree-0d64fbbc.json");
    assertThat(Id.hash(restic).hex())
        .isEqualTo("0d64fbbc2f991be16aa17e826e1abf74a05b2613d138f83b8f4ead3c7dd4cfd2");

    Tree tree = Tree.decode(restic);

    byte[] target = tree.nodes().get(0).linkTarget();
    assertThat(new String(target, StandardCharsets.UTF_8)).isEqualTo("../i/\ufffd\ufffd\ufffdd/samba");
    String expected = new String(restic, StandardCharsets.UTF_8).replace("\\ufffd", "\ufffd");
    assertThat(new String(tree.encode(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(tree.id().hex()).isNotEqualTo(Id.hash(restic).hex());
  }

  /**
   * The awkward-names tree holds a symlink whose raw target is {@code ../i/\xff\xfe<tgt>\x08}.
   * With the raw target restored, our encoding must equal restic's bytes exactly.
   */
  @Test
  void awkwardNamesTreeWithRawLinkTarget() {
    byte[] restic = resource("awkward-tree-8fcd2c9d.json");
    Tree decoded = Tree.decode(restic);
    byte[] rawTarget = {'.', '.', '/', 'i', '/', (byte) 0xff, (byte) 0xfe, '<', 't', 'g', 't', '>', 8};
    List<Node> nodes = new ArrayList<>();
    for (Node n : decoded.nodes()) {
      nodes.add(n.type() == NodeType.SYMLINK ? n.toBuilder().linkTarget(rawTarget).build() : n);
    }

    Tree tree = Tree.of(nodes);

    assertThat(new String(tree.encode(), StandardCharsets.UTF_8))
        .isEqualTo(new String(restic, StandardCharsets.UTF_8));
    assertThat(tree.id().hex())
        .isEqualTo("8fcd2c9d9bd634148b519322a5fe3e3f071fd0995ed91a0ce1ff9110fd8075a8");
  }

  @Test
  void awkwardNamesDecodeToRawBytes() {
    Tree tree = Tree.decode(resource("awkward-tree-8fcd2c9d.json"));

    assertThat(tree.find(new byte[] {'b', 'a', 'd', (byte) 0xff, 'n', 'a', 'm', 'e'})).isNotNull();
    assertThat(tree.find(new byte[] {(byte) 0xc3})).isNotNull();
    assertThat(tree.find("q\"b\\c".getBytes(StandardCharsets.UTF_8))).isNotNull();
    assertThat(tree.find("l\u2028s".getBytes(StandardCharsets.UTF_8))).isNotNull();
    assertThat(tree.find("tag\udb40\udc01".getBytes(StandardCharsets.UTF_8))).isNotNull();
    Node chr = tree.find("chr".getBytes(StandardCharsets.US_ASCII));
    assertThat(chr.type()).isEqualTo(NodeType.CHARDEV);
    assertThat(chr.device()).isEqualTo(259);
    assertThat(Node.unixMode(chr.mode())).isEqualTo(0020644);
    Node b = tree.find("B".getBytes(StandardCharsets.US_ASCII));
    assertThat(b.uid()).isEqualTo(4242);
    assertThat(b.user()).isEmpty();
    Node plain = tree.find("plain".getBytes(StandardCharsets.US_ASCII));
    assertThat(plain.extendedAttributes()).containsExactly(
        new ExtendedAttribute("user.k1", new byte[] {'v', 0, (byte) 0xff, '1'}),
        new ExtendedAttribute("user.a", new byte[0]));
    assertThat(Node.unixMode(tree.find("sticky".getBytes(StandardCharsets.US_ASCII)).mode()))
        .isEqualTo(041777);
    assertThat(Node.unixMode(tree.find("suid".getBytes(StandardCharsets.US_ASCII)).mode()))
        .isEqualTo(0104755);
    assertThat(Node.unixMode(tree.find("sgid".getBytes(StandardCharsets.US_ASCII)).mode()))
        .isEqualTo(0102750);
  }
}
