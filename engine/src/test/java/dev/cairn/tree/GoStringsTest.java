package dev.cairn.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Name quoting and JSON string escaping against the outputs of go1.19 recorded in
 * restic-format.md §7.3 (shown there as the final JSON token of a node name).
 */
class GoStringsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String nameToken(byte[] raw) {
    JsonSink out = new JsonSink();
    out.quotedName(raw);
    return out.toString();
  }

  /** Name, then the JSON token go1.19 produces for it (as a Java literal). */
  private static final String[][] NAME_TOKENS = {
    {"q\"b\\c", "\"q\\\\\\\"b\\\\\\\\c\""},
    {"ctl\tx", "\"ctl\\\\tx\""},
    {"<&>\u00fc", "\"\\u003c\\u0026\\u003e\u00fc\""},
    {"a\u00a0b", "\"a\\\\u00a0b\""},
    {"x\u007fy", "\"x\\\\x7fy\""},
    {"a\u0000b", "\"a\\\\x00b\""},
    {"\u2028", "\"\\\\u2028\""},
    {"\udb40\udc01", "\"\\\\U000e0001\""},
    {"e\u0301", "\"e\u0301\""},
    {"\ud83d\ude00", "\"\ud83d\ude00\""},
    {"nl\nx", "\"nl\\\\nx\""},
    {"z\u200bw", "\"z\\\\u200bw\""},
    {"b\u0007\u000b\f\b\r", "\"b\\\\a\\\\v\\\\f\\\\b\\\\r\""},
    {"sp ace", "\"sp ace\""},
  };

  @Test
  void nameTokensMatchGo() {
    for (String[] row : NAME_TOKENS) {
      assertThat(nameToken(utf8(row[0]))).as("name %s", row[0]).isEqualTo(row[1]);
    }
  }

  @Test
  void invalidUtf8NameByteIsHexEscaped() {
    byte[] raw = {'b', 'a', 'd', (byte) 0xff, 'n', 'a', 'm', 'e'};
    assertThat(nameToken(raw)).isEqualTo("\"bad\\\\xffname\"");
    assertThat(GoStrings.quoteName(raw)).isEqualTo("bad\\xffname");
    assertThat(GoStrings.quoteName(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
        .as("an encoded surrogate is three invalid bytes")
        .isEqualTo("\\xed\\xa0\\x80");
    assertThat(GoStrings.quoteName(new byte[] {(byte) 0xe2, (byte) 0x82}))
        .as("a truncated sequence is invalid byte by byte")
        .isEqualTo("\\xe2\\x82");
    assertThat(GoStrings.quoteName(utf8("\ufffd"))).as("a real U+FFFD is printable").isEqualTo("\ufffd");
  }

  @Test
  void jsonStringRuleExample() {
    // Go: json.Marshal("inv\xff<\u2028é\x08") == "inv\ufffd\u003c\u2028é\u0008"
    byte[] s = {'i', 'n', 'v', (byte) 0xff, '<', (byte) 0xe2, (byte) 0x80, (byte) 0xa8,
        (byte) 0xc3, (byte) 0xa9, 8};
    JsonSink out = new JsonSink();
    out.string(s);
    assertThat(out.toString()).isEqualTo("\"inv\\ufffd\\u003c\\u2028\u00e9\\u0008\"");
  }

  @Test
  void jsonStringShortAndLongEscapes() {
    JsonSink out = new JsonSink();
    out.string("\"\\\n\r\t\f\u0001>&\u2029\u007f\ufffd");
    assertThat(out.toString())
        .isEqualTo("\"\\\"\\\\\\n\\r\\t\\u000c\\u0001\\u003e\\u0026\\u2029\u007f\ufffd\"");
  }

  @Test
  void unquoteReversesGoEscapes() {
    assertThat(GoStrings.unquoteName("q\\\"b\\\\c")).isEqualTo(utf8("q\"b\\c"));
    assertThat(GoStrings.unquoteName("bad\\xffname"))
        .isEqualTo(new byte[] {'b', 'a', 'd', (byte) 0xff, 'n', 'a', 'm', 'e'});
    assertThat(GoStrings.unquoteName("\\U000e0001\\u00a0\\a\\v\\101")).isEqualTo(utf8("\udb40\udc01\u00a0\u0007\u000bA"));
    assertThatThrownBy(() -> GoStrings.unquoteName("a\"b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoStrings.unquoteName("a\\")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoStrings.unquoteName("\\q")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoStrings.unquoteName("\\ud800")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoStrings.unquoteName("\\Uffffffff")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomByteNamesRoundTrip() {
    Random random = new Random(20261126);
    for (int i = 0; i < 20_000; i++) {
      byte[] raw = new byte[1 + random.nextInt(12)];
      random.nextBytes(raw);
      if (i % 3 == 0) {
        // mix in valid multi-byte runes from the whole code space
        int cp = random.nextInt(0x110000);
        if (cp < 0xD800 || cp > 0xDFFF) {
          raw = concat(raw, new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        }
      }
      String quoted = GoStrings.quoteName(raw);
      assertThat(GoStrings.unquoteName(quoted)).as("round trip of %s", quoted).isEqualTo(raw);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void isPrintFollowsUnicodeCategories() {
    assertThat(GoStrings.isPrint(' ')).isTrue();
    assertThat(GoStrings.isPrint('~')).isTrue();
    assertThat(GoStrings.isPrint(0x7f)).isFalse();
    assertThat(GoStrings.isPrint(0xa0)).as("NBSP is Zs").isFalse();
    assertThat(GoStrings.isPrint(0x3000)).as("ideographic space").isFalse();
    assertThat(GoStrings.isPrint(0xad)).as("soft hyphen is Cf").isFalse();
    assertThat(GoStrings.isPrint(0xe000)).as("private use").isFalse();
    assertThat(GoStrings.isPrint(0x0378)).as("unassigned").isFalse();
    assertThat(GoStrings.isPrint(0x301)).as("combining mark").isTrue();
    assertThat(GoStrings.isPrint(0x1f600)).as("emoji").isTrue();
    assertThat(GoStrings.isPrint(0x20ac)).as("euro sign").isTrue();
  }
}
