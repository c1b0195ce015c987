package dev.cairn.tree;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Go string rules that restic's JSON depends on, over raw bytes: {@code strconv.Quote} and
 * {@code strconv.Unquote} as used for node names, and Go {@code encoding/json} string escaping
 * as emitted by restic 0.14 (go1.19) (restic-format.md §7.3). UTF-8 is walked the Go way, see
 * {@link GoUtf8}.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoStrings {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static final int ERROR_RUNE = GoUtf8.ERROR_RUNE;

  private GoStrings() {}

  /**
   * Go {@code strconv.Quote(string(raw))} without the surrounding quotes, as UTF-8 bytes appended
   * to {@code out}. Invalid UTF-8 bytes become {@code \xhh}; non-printable runes become escapes.
   */
  public static void appendQuotedName(ByteArrayOutputStream out, byte[] raw) {
    int i = 0;
    while (i < raw.length) {
      long rw = GoUtf8.decodeRune(raw, i);
      int r = (int) rw;
      int width = (int) (rw >>> 32);
      if (r == ERROR_RUNE && width == 1) {
        escapeHex(out, 'x', raw[i] & 0xff, 2);
      } else if (r == '"' || r == '\\') {
        out.write('\\');
        out.write(r);
      } else if (isPrint(r)) {
        out.write(raw, i, width);
      } else {
        appendControl(out, r);
      }
      i += width;
    }
  }

  /** Go {@code strconv.Quote(string(raw))} without the surrounding quotes. */
  public static String quoteName(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 8);
    appendQuotedName(out, raw);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void appendControl(ByteArrayOutputStream out, int r) {
    int shortForm =
        switch (r) {
          case 0x07 -> 'a';
          case '\b' -> 'b';
          case '\f' -> 'f';
          case '\n' -> 'n';
          case '\r' -> 'r';
          case '\t' -> 't';
          case 0x0b -> 'v';
          default -> 0;
        };
    if (shortForm != 0) {
      out.write('\\');
      out.write(shortForm);
    } else if (r < ' ' || r == 0x7f) {
      escapeHex(out, 'x', r, 2);
    } else if (r < 0x10000) {
      escapeHex(out, 'u', r, 4);
    } else {
      escapeHex(out, 'U', r, 8);
    }
  }

  private static void escapeHex(ByteArrayOutputStream out, char kind, int value, int digits) {
    out.write('\\');
    out.write(kind);
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      out.write(HEX[(value >>> shift) & 0xf]);
    }
  }

  /**
   * Reverses {@link #quoteName}: Go {@code strconv.Unquote("\"" + quoted + "\"")} to raw bytes.
   *
   * @throws IllegalArgumentException when {@code quoted} is not a valid Go quoted string body
   */
  public static byte[] unquoteName(String quoted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(quoted.length());
    int i = 0;
    int n = quoted.length();
    while (i < n) {
      int c = quoted.codePointAt(i);
      i += Character.charCount(c);
      if (c == '"' || c == '\n') {
        throw new IllegalArgumentException("unescaped " + describe(c) + " in quoted name " + quoted);
      }
      if (c != '\\') {
        GoUtf8.appendUtf8(out, c);
        continue;
      }
      if (i >= n) {
        throw new IllegalArgumentException("dangling backslash in quoted name " + quoted);
      }
      char e = quoted.charAt(i++);
      i = unescape(quoted, e, i, out);
    }
    return out.toByteArray();
  }

  /** Decodes the escape {@code \\e} whose operand starts at {@code i}; returns the index after it. */
  private static int unescape(String quoted, char e, int i, ByteArrayOutputStream out) {
    switch (e) {
      case 'a' -> out.write(0x07);
      case 'b' -> out.write('\b');
      case 'f' -> out.write('\f');
      case 'n' -> out.write('\n');
      case 'r' -> out.write('\r');
      case 't' -> out.write('\t');
      case 'v' -> out.write(0x0b);
      case '\\', '"' -> out.write(e);
      case 'x' -> {
        out.write(hexValue(quoted, i, 2));
        return i + 2;
      }
      case 'u', 'U' -> {
        int digits = e == 'u' ? 4 : 8;
        int r = hexValue(quoted, i, digits);
        if (r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r <= 0xDFFF)) {
          throw new IllegalArgumentException("invalid rune escape in quoted name " + quoted);
        }
        GoUtf8.appendUtf8(out, r);
        return i + digits;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        out.write(octal(quoted, i - 1));
        return i + 2;
      }
      default -> throw new IllegalArgumentException(
          "unknown escape \\" + e + " in quoted name " + quoted);
    }
    return i;
  }

  private static String describe(int c) {
    return c == '"' ? "quote" : "newline";
  }

  private static int hexValue(String s, int at, int digits) {
    if (at + digits > s.length()) {
      throw new IllegalArgumentException("short hex escape in quoted name " + s);
    }
    int v = 0;
    for (int k = 0; k < digits; k++) {
      int d = Character.digit(s.charAt(at + k), 16);
      if (d < 0) {
        throw new IllegalArgumentException("bad hex escape in quoted name " + s);
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static int octal(String s, int at) {
    if (at + 3 > s.length()) {
      throw new IllegalArgumentException("short octal escape in quoted name " + s);
    }
    int v = 0;
    for (int k = 0; k < 3; k++) {
      char d = s.charAt(at + k);
      if (d < '0' || d > '7') {
        throw new IllegalArgumentException("bad octal escape in quoted name " + s);
      }
      v = (v << 3) | (d - '0');
    }
    if (v > 255) {
      throw new IllegalArgumentException("octal escape above 255 in quoted name " + s);
    }
    return v;
  }

  /**
   * Go {@code encoding/json} string escaping with HTML escaping on, as go1.19 emits it, including
   * the quotes. Backspace and form feed take the long {@code u0008}/{@code u000c} forms, {@code <>&}
   * become {@code u003c}, {@code u003e}, {@code u0026}, U+2028 and U+2029 are escaped, each
   * invalid UTF-8 byte becomes the escape of U+FFFD, other non-ASCII stays raw (each escape with a
   * leading backslash).
   */
  public static void appendJsonString(ByteArrayOutputStream out, byte[] s, int off, int len) {
    out.write('"');
    int end = off + len;
    int start = off;
    int i = off;
    while (i < end) {
      int b = s[i] & 0xff;
      if (b < 0x80) {
        if (b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&') {
          i++;
          continue;
        }
        out.write(s, start, i - start);
        out.write('\\');
        switch (b) {
          case '"', '\\' -> out.write(b);
          case '\n' -> out.write('n');
          case '\r' -> out.write('r');
          case '\t' -> out.write('t');
          default -> {
            out.write('u');
            out.write('0');
            out.write('0');
            out.write(HEX[b >> 4]);
            out.write(HEX[b & 0xf]);
          }
        }
        start = ++i;
        continue;
      }
      long rw = GoUtf8.decodeRune(s, i);
      int r = (int) rw;
      int width = (int) (rw >>> 32);
      if ((r == ERROR_RUNE && width == 1) || r == 0x2028 || r == 0x2029) {
        out.write(s, start, i - start);
        escapeHex(out, 'u', r, 4);
        start = i + width;
      }
      i += width;
    }
    out.write(s, start, end - start);
    out.write('"');
  }

  /** {@link #appendJsonString(ByteArrayOutputStream, byte[], int, int)} over all of {@code s}. */
  public static void appendJsonString(ByteArrayOutputStream out, byte[] s) {
    appendJsonString(out, s, 0, s.length);
  }

  /**
   * Go {@code strconv.IsPrint} for the Unicode 13 tables of go1.19 (Java 17 also has Unicode 13):
   * letters, marks, numbers, punctuation, symbols and the ASCII space.
   */
  public static boolean isPrint(int r) {
    if (r < 0x80) {
      return r >= 0x20 && r < 0x7f;
    }
    return switch (Character.getType(r)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER,
          Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}
