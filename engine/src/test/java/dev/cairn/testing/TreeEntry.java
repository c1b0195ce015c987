package dev.cairn.testing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * One entry of a {@link TreeSnapshot}: the relative path as raw bytes (hex) and its attributes,
 * keyed by {@link TreeSnapshot.Aspect}. Attributes that do not apply (e.g. a digest for a
 * directory) are absent.
 *
 * @param pathHex the path relative to the snapshot root, hex-encoded bytes; empty for the root
 * @param attributes attribute values in canonical text form
 */
public record TreeEntry(String pathHex, Map<TreeSnapshot.Aspect, String> attributes) {
  /** Compact canonical constructor: copies the attributes. */
  public TreeEntry {
    attributes = Map.copyOf(attributes);
  }

  /** The entry type: {@code dir}, {@code file}, {@code symlink}, {@code fifo}, ... */
  public String type() {
    return attributes.get(TreeSnapshot.Aspect.TYPE);
  }

  /** The relative path as raw bytes. */
  public byte[] pathBytes() {
    return HexFormat.of().parseHex(pathHex);
  }

  /** The path for display: see {@link #display(byte[])}; the root shows as {@code .}. */
  public String displayPath() {
    return pathHex.isEmpty() ? "." : display(pathBytes());
  }

  /**
   * Renders bytes readably and unambiguously: valid UTF-8 stays as is, except that control
   * characters, backslash, and invisible or line-breaking code points are escaped ({@code \n},
   * {@code \x01}, {@code \u2028}); bytes that are not valid UTF-8 show as {@code \xff}.
   */
  public static String display(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        appendAscii(out, b);
        i++;
        continue;
      }
      int len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      String decoded = len > 1 && i + len <= bytes.length ? decode(bytes, i, len) : null;
      if (decoded == null) {
        out.append(String.format("\\x%02x", b));
        i++;
        continue;
      }
      int cp = decoded.codePointAt(0);
      int kind = Character.getType(cp);
      if (kind == Character.LINE_SEPARATOR
          || kind == Character.PARAGRAPH_SEPARATOR
          || kind == Character.FORMAT
          || kind == Character.CONTROL
          || kind == Character.SPACE_SEPARATOR) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.append(decoded);
      }
      i += len;
    }
    return out.toString();
  }

  private static void appendAscii(StringBuilder out, int b) {
    switch (b) {
      case '\n' -> out.append("\\n");
      case '\t' -> out.append("\\t");
      case '\r' -> out.append("\\r");
      case '\\' -> out.append("\\\\");
      default -> {
        if (b < 0x20 || b == 0x7f) {
          out.append(String.format("\\x%02x", b));
        } else {
          out.append((char) b);
        }
      }
    }
  }

  private static String decode(byte[] bytes, int offset, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
