package dev.cairn.tree;

import java.io.ByteArrayOutputStream;

/**
 * UTF-8 the way Go's {@code unicode/utf8} and string conversions see it: every byte of an invalid,
 * truncated, overlong or surrogate sequence is one error rune (U+FFFD) of width 1, and converting
 * a code point with no UTF-8 form (a lone surrogate) yields U+FFFD. Stateless.
 */
public final class GoUtf8 {
  /** The rune Go reports for invalid input, U+FFFD. */
  public static final int ERROR_RUNE = 0xFFFD;

  private GoUtf8() {}

  /**
   * Go {@code utf8.DecodeRune} on {@code s} at {@code i}: returns {@code rune | (long) width << 32}.
   * Invalid or truncated sequences, surrogates and overlong forms give U+FFFD with width 1.
   */
  public static long decodeRune(byte[] s, int i) {
    int b0 = s[i] & 0xff;
    if (b0 < 0x80) {
      return b0 | (1L << 32);
    }
    int need;
    int lo = 0x80;
    int hi = 0xbf;
    int r;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      r = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      r = b0 & 0x0f;
      lo = b0 == 0xe0 ? 0xa0 : 0x80;
      hi = b0 == 0xed ? 0x9f : 0xbf;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      r = b0 & 0x07;
      lo = b0 == 0xf0 ? 0x90 : 0x80;
      hi = b0 == 0xf4 ? 0x8f : 0xbf;
    } else {
      return ERROR_RUNE | (1L << 32);
    }
    if (i + need >= s.length) {
      return ERROR_RUNE | (1L << 32);
    }
    for (int k = 1; k <= need; k++) {
      int b = s[i + k] & 0xff;
      int min = k == 1 ? lo : 0x80;
      int max = k == 1 ? hi : 0xbf;
      if (b < min || b > max) {
        return ERROR_RUNE | (1L << 32);
      }
      r = (r << 6) | (b & 0x3f);
    }
    return r | ((long) (need + 1) << 32);
  }

  /** Appends the UTF-8 form of code point {@code r}; a lone surrogate becomes U+FFFD, as in Go. */
  static void appendUtf8(ByteArrayOutputStream out, int r) {
    if (r >= 0xD800 && r <= 0xDFFF) {
      r = ERROR_RUNE;
    }
    if (r < 0x80) {
      out.write(r);
    } else if (r < 0x800) {
      out.write(0xc0 | (r >> 6));
      out.write(0x80 | (r & 0x3f));
    } else if (r < 0x10000) {
      out.write(0xe0 | (r >> 12));
      out.write(0x80 | ((r >> 6) & 0x3f));
      out.write(0x80 | (r & 0x3f));
    } else {
      out.write(0xf0 | (r >> 18));
      out.write(0x80 | ((r >> 12) & 0x3f));
      out.write(0x80 | ((r >> 6) & 0x3f));
      out.write(0x80 | (r & 0x3f));
    }
  }

  /** UTF-8 bytes of {@code s} with Go's conversion rule: unpaired surrogates become U+FFFD. */
  public static byte[] utf8(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 4);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      appendUtf8(out, c);
    }
    return out.toByteArray();
  }
}
