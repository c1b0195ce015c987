package dev.cairn.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawNamesTest {

  @TempDir Path dir;

  static List<byte[]> awkwardNames() {
    List<byte[]> names = new ArrayList<>();
    names.add(new byte[] {'b', 'a', 'd', (byte) 0xff, 'n'});
    names.add(new byte[] {(byte) 0xc3}); // truncated two-byte sequence
    names.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}); // encoded surrogate: invalid
    names.add(new byte[] {(byte) 0x80, (byte) 0xfe, 'x'});
    names.add("ctl\t\n\u0001x\u007f".getBytes(StandardCharsets.UTF_8));
    names.add(" lead and trail ".getBytes(StandardCharsets.UTF_8));
    names.add("q\"b'c\\d".getBytes(StandardCharsets.UTF_8));
    names.add("astral \uD83D\uDE00 \uD800\uDF48".getBytes(StandardCharsets.UTF_8));
    names.add("-dash".getBytes(StandardCharsets.UTF_8));
    names.add("\u00e9\u0301 combining".getBytes(StandardCharsets.UTF_8));
    return names;
  }

  @Test
  void reflectionAccessIsAvailableInTests() {
    assertThat(RawNames.isExact()).as(RawNames.fallbackReason()).isTrue();
    assertThat(RawNames.fallbackReason()).isNull();
  }

  @Test
  void namesRoundTripThroughCreateListAndOpen() throws Exception {
    List<byte[]> names = awkwardNames();
    for (byte[] name : names) {
      Path file = dir.resolve(RawNames.path(name));
      Files.write(file, name);
      assertThat(RawNames.name(file)).isEqualTo(name);
    }
    List<Path> listed = new FileScanner().list(dir);
    assertThat(listed).hasSize(names.size());
    List<byte[]> sortedNames = new ArrayList<>(names);
    sortedNames.sort(java.util.Arrays::compareUnsigned);
    for (int i = 0; i < listed.size(); i++) {
      Path child = listed.get(i);
      assertThat(RawNames.name(child)).isEqualTo(sortedNames.get(i));
      assertThat(Files.readAllBytes(child)).isEqualTo(sortedNames.get(i));
      Path rebuilt = dir.resolve(RawNames.path(RawNames.name(child)));
      assertThat(Files.readAllBytes(rebuilt)).isEqualTo(sortedNames.get(i));
    }
  }

  @Test
  void arraysAreNotShared() {
    byte[] name = {'a', 'b'};
    Path path = RawNames.path(name);
    name[0] = 'z';
    byte[] out = RawNames.bytes(path);
    assertThat(out).containsExactly('a', 'b');
    out[1] = 'z';
    assertThat(RawNames.bytes(path)).containsExactly('a', 'b');
  }

  @Test
  void anyPathKeepsBytesUnnormalised() {
    byte[] raw = {'.', '.', '/', '/', 'x', (byte) 0xff, '/'};
    assertThat(RawNames.bytes(RawNames.anyPath(raw))).isEqualTo(raw);
    assertThat(RawNames.bytes(Path.of("/a/b"))).isEqualTo("/a/b".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void pathRejectsNamesThatAreNotSingleComponents() {
    for (String bad : new String[] {"", ".", "..", "a/b", "/", "a\0b"}) {
      assertThatThrownBy(() -> RawNames.path(bad.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> RawNames.anyPath(new byte[] {'a', 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void displayQuotesLikeGo() {
    assertThat(RawNames.display(new byte[] {'b', 'a', 'd', (byte) 0xff, 'n'})).isEqualTo("\"bad\\xffn\"");
    assertThat(RawNames.display("q\"b\\c".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"q\\\"b\\\\c\"");
    assertThat(RawNames.display("t\tn\nx\u0001\u007f".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"t\\tn\\nx\\x01\\x7f\"");
    assertThat(RawNames.display("\u00fc\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"\u00fc\uD83D\uDE00\"");
    assertThat(RawNames.display(new byte[] {(byte) 0xe2, (byte) 0x82})).isEqualTo("\"\\xe2\\x82\"");
  }

  @Test
  void exceptionMessagesNameOperationAndRawPath() {
    Path missing = dir.resolve(RawNames.path(new byte[] {'n', 'o', (byte) 0xfe}));
    assertThatThrownBy(() -> new FileScanner().lstat(missing))
        .isInstanceOf(FileOperationException.class)
        .hasMessageStartingWith("lstat \"" + dir + "/no\\xfe\": no such file or directory")
        .satisfies(e -> assertThat(((FileOperationException) e).isNotFound()).isTrue());
  }
}
