package dev.cairn.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tree rules beyond the restic goldens: ordering, duplicates, lenient reading, wide integers. */
class TreeTest {
  private static final Timestamp T = Timestamp.parse("2024-01-02T03:04:05.123456789Z");

  private static Node file(byte[] name) {
    return Node.builder(name, NodeType.FILE).mode(0644).mtime(T).atime(T).ctime(T)
        .content(List.of()).build();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void sortsByUnsignedRawBytes() {
    byte[] high = {'a', (byte) 0xff};
    byte[] nbsp = "a\u00a0".getBytes(StandardCharsets.UTF_8);
    Tree tree = Tree.of(List.of(file(high), file(ascii("b")), file(nbsp), file(ascii("B")), file(ascii("a"))));
    assertThat(tree.nodes()).extracting(Node::name)
        .containsExactly(ascii("B"), ascii("a"), nbsp, high, ascii("b"));
    assertThat(Tree.decode(tree.encode())).isEqualTo(tree);
  }

  @Test
  void rejectsDuplicateNames() {
    assertThatThrownBy(() -> Tree.of(List.of(file(ascii("x")), file(ascii("x")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate node name");
    byte[] json = ascii("{\"nodes\":[" + nodeJson("x") + "," + nodeJson("x") + "]}");
    assertThatThrownBy(() -> Tree.decode(json)).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("duplicate");
    byte[] unsorted = ascii("{\"nodes\":[" + nodeJson("y") + "," + nodeJson("x") + "]}");
    assertThatThrownBy(() -> Tree.decode(unsorted)).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("not sorted");
  }

  private static String nodeJson(String name) {
    return "{\"name\":\"" + name + "\",\"type\":\"file\",\"content\":[]}";
  }

  @Test
  void readsNullNodesUnknownKeysAndWhitespace() {
    assertThat(Tree.decode(ascii("{\"nodes\":null}"))).isEqualTo(Tree.EMPTY);
    assertThat(Tree.decode(ascii("{}"))).isEqualTo(Tree.EMPTY);
    Tree t = Tree.decode(ascii(" {\n \"x\": {\"a\":[1,2]},\n \"nodes\" : [ "
        + "{\"name\":\"f\",\"new_field\":[{}],\"type\":\"file\",\"generic_attributes\":{\"k\":\"dg==\"},"
        + "\"content\":null} ],\n \"y\":1 }\n"));
    assertThat(t.nodes()).hasSize(1);
    assertThat(t.nodes().get(0).content()).isNull();
    assertThat(t.nodes().get(0).mtime()).isEqualTo(Timestamp.GO_ZERO);
  }

  @Test
  void linkTargetRawWinsAndEncodesAsRestic014Would() {
    Tree t = Tree.decode(ascii("{\"nodes\":[{\"name\":\"l\",\"type\":\"symlink\","
        + "\"linktarget\":\"\\ufffd\",\"linktarget_raw\":\"/w==\",\"content\":null}]}"));
    assertThat(t.nodes().get(0).linkTarget()).containsExactly((byte) 0xff);
    assertThat(text(t.encode())).contains("\"linktarget\":\"\\ufffd\",\"content\":null");
  }

  @Test
  void keepsUnsigned64BitValues() {
    String json = "{\"nodes\":[{\"name\":\"d\",\"type\":\"dev\",\"mode\":67109296,"
        + "\"mtime\":\"2024-01-02T03:04:05Z\",\"atime\":\"2024-01-02T03:04:05Z\","
        + "\"ctime\":\"2024-01-02T03:04:05Z\",\"uid\":4294967295,\"gid\":0,"
        + "\"inode\":18446744073709551615,\"device_id\":9223372036854775808,\"links\":2,"
        + "\"device\":18446744073709551614,\"content\":null}]}\n";
    Tree t = Tree.decode(ascii(json));
    Node n = t.nodes().get(0);
    assertThat(n.inode()).isEqualTo(-1L);
    assertThat(n.uid()).isEqualTo(0xffffffffL);
    assertThat(Long.toUnsignedString(n.deviceId())).isEqualTo("9223372036854775808");
    assertThat(text(t.encode())).isEqualTo(json);
  }

  @Test
  void rejectsMalformedTrees() {
    for (String bad : new String[] {"[]", "{\"nodes\":{}}", "{\"nodes\":[{\"type\":\"file\"}]}",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"door\"}]}", "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"uid\":-1}]}",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"uid\":4294967296}]}",
        "{\"nodes\":[{\"name\":\"a\\\"\",\"type\":\"file\"}]}", "{\"nodes\":[]} x",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"subtree\":\"abc\"}]}"}) {
      assertThatThrownBy(() -> Tree.decode(ascii(bad))).as(bad).isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void encodesOmitEmptyLikeGo() {
    Node dir = Node.builder(ascii("d"), NodeType.DIR).mode(Node.goMode(040755)).mtime(T).atime(T)
        .ctime(T).subtree(Tree.EMPTY.id()).build();
    assertThat(text(Tree.of(List.of(dir)).encode())).isEqualTo("{\"nodes\":[{\"name\":\"d\","
        + "\"type\":\"dir\",\"mode\":2147484141,\"mtime\":\"2024-01-02T03:04:05.123456789Z\","
        + "\"atime\":\"2024-01-02T03:04:05.123456789Z\",\"ctime\":\"2024-01-02T03:04:05.123456789Z\","
        + "\"uid\":0,\"gid\":0,\"content\":null,\"subtree\":\"" + Tree.EMPTY.id() + "\"}]}\n");
    Node failed = file(ascii("f")).toBuilder().error("read: \"io\" <error>").user("ü")
        .content(List.of(Id.hash(new byte[0]))).build();
    assertThat(text(Tree.of(List.of(failed)).encode()))
        .contains("\"uid\":0,\"gid\":0,\"user\":\"ü\",\"content\":[\"e3b0c442")
        .endsWith("\"error\":\"read: \\\"io\\\" \\u003cerror\\u003e\"}]}\n");
  }

  @Test
  void goModeMatchesObservedValues() {
    assertThat(Node.goMode(040755)).isEqualTo(2147484141L);
    assertThat(Node.goMode(0100644)).isEqualTo(420L);
    assertThat(Node.goMode(0120777)).isEqualTo(134218239L);
    assertThat(Node.goMode(0010644)).isEqualTo(33554852L);
    assertThat(Node.goMode(041777)).isEqualTo(2148532735L);
    assertThat(Node.goMode(0020644)).isEqualTo(69206436L);
    assertThat(Node.goMode(0104755)).isEqualTo(8389101L);
    assertThat(Node.goMode(0102750)).isEqualTo(4194792L);
    for (int type : new int[] {0140000, 0120000, 0100000, 0060000, 0040000, 0020000, 0010000}) {
      for (int bits : new int[] {0, 07777, 04711, 01755}) {
        assertThat(Node.unixMode(Node.goMode(type | bits))).isEqualTo(type | bits);
      }
    }
  }
}
