package dev.cairn.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A pull reader over restic JSON with Go's decoding rules: unknown keys are skipped, {@code null}
 * leaves a field at its zero value, unsigned integers keep all 64 bits, {@code []byte} is base64.
 * Wraps a Jackson streaming parser; every failure surfaces as {@link IntegrityException} naming
 * {@code what} is being read. Not thread-safe; one instance per document.
 */
public final class JsonSource implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonParser parser;
  private final String what;

  private JsonSource(JsonParser parser, String what) {
    this.parser = parser;
    this.what = what;
  }

  /** Opens {@code json}; {@code what} names the document in error messages, e.g. "tree". */
  public static JsonSource open(byte[] json, String what) {
    try {
      return new JsonSource(FACTORY.createParser(json), what);
    } catch (IOException e) {
      throw new IntegrityException("unable to parse " + what + ": " + e.getMessage(), e);
    }
  }

  /** Reads the next token, which must be the start of an object. */
  public void beginObject() {
    if (next() != JsonToken.START_OBJECT) {
      throw fail("object expected");
    }
  }

  /** Checks that the current value (e.g. an array element) is an object. */
  public void requireObject() {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw fail("object expected");
    }
  }

  /**
   * Inside an object: moves to the next key and its value and returns the key, or returns null at
   * the end of the object.
   */
  public String nextField() {
    JsonToken t = next();
    if (t == JsonToken.END_OBJECT) {
      return null;
    }
    if (t != JsonToken.FIELD_NAME) {
      throw fail("field name expected");
    }
    String name = text();
    next();
    return name;
  }

  /** True when the current value is {@code null}. */
  public boolean isNull() {
    return parser.currentToken() == JsonToken.VALUE_NULL;
  }

  /** True when the current value opens an array, and steps into it. */
  public boolean beginArray() {
    if (isNull()) {
      return false;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw fail("array expected");
    }
    return true;
  }

  /** Inside an array: moves to the next element and returns true, or false at its end. */
  public boolean nextElement() {
    return next() != JsonToken.END_ARRAY;
  }

  /** Skips the current value, with all its children. */
  public void skip() {
    try {
      parser.skipChildren();
    } catch (IOException e) {
      throw fail(e.getMessage());
    }
  }

  /** The current value as a string; {@code null} gives "". */
  public String string() {
    if (isNull()) {
      return "";
    }
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw fail("string expected");
    }
    return text();
  }

  /** The current string value as Go bytes (UTF-8, unpaired surrogates as U+FFFD). */
  public byte[] stringBytes() {
    return GoUtf8.utf8(string());
  }

  /** The current value as an unsigned integer of {@code bits} bits (32 or 64), null gives 0. */
  public long unsigned(int bits) {
    if (isNull()) {
      return 0;
    }
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw fail("integer expected");
    }
    String s = text();
    long v;
    try {
      v = Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw fail("unsigned integer out of range: " + s);
    }
    if (bits == 32 && (v >>> 32) != 0) {
      throw fail("value exceeds 32 bits: " + s);
    }
    return v;
  }

  /** The current value as a signed 64-bit integer; null gives 0. */
  public long signed() {
    if (isNull()) {
      return 0;
    }
    try {
      if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw fail("integer expected");
      }
      return Long.parseLong(text());
    } catch (NumberFormatException e) {
      throw fail("integer out of range: " + text());
    }
  }

  /** The current value as an id, or null for {@code null}. */
  public Id id() {
    if (isNull()) {
      return null;
    }
    try {
      return Id.parse(string());
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  /** The current value as a time; {@code null} gives Go's zero time. */
  public Timestamp time() {
    if (isNull()) {
      return Timestamp.GO_ZERO;
    }
    try {
      return Timestamp.parse(string());
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  /** The current value as Go {@code []byte}: base64 with padding; {@code null} gives empty. */
  public byte[] base64() {
    try {
      return Base64.getDecoder().decode(string());
    } catch (IllegalArgumentException e) {
      throw fail("invalid base64: " + e.getMessage());
    }
  }

  /** The current value as a list of strings; {@code null} gives null. */
  public List<String> stringList() {
    if (!beginArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    while (nextElement()) {
      out.add(string());
    }
    return out;
  }

  /** Checks that nothing but whitespace follows the top-level value. */
  public void end() {
    if (next() != null) {
      throw fail("trailing data");
    }
  }

  /** An error naming the document and the parser position. */
  public IntegrityException fail(String message) {
    return new IntegrityException(
        "unable to decode " + what + " at offset " + parser.currentLocation().getByteOffset()
            + ": " + message);
  }

  private JsonToken next() {
    try {
      return parser.nextToken();
    } catch (IOException e) {
      throw new IntegrityException("unable to parse " + what + ": " + e.getMessage(), e);
    }
  }

  private String text() {
    try {
      return parser.getText();
    } catch (IOException e) {
      throw new IntegrityException("unable to parse " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new IntegrityException("unable to close parser for " + what, e);
    }
  }
}
