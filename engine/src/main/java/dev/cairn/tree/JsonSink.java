package dev.cairn.tree;

import dev.cairn.core.Id;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A growable byte buffer for writing compact JSON exactly as Go {@code encoding/json} does for
 * restic's structs: strings by {@link GoStrings#appendJsonString}, integers in plain decimal
 * (unsigned where Go's type is unsigned), {@code []byte} as padded standard base64, times as
 * RFC3339Nano. Callers write separators and keys themselves, in Go struct order.
 *
 * <p>Reusable: {@link #reset()} keeps the capacity, so one sink per worker thread can encode every
 * tree of a backup. Not thread-safe.
 */
public final class JsonSink extends ByteArrayOutputStream {
  private final Scratch scratch = new Scratch();

  /** A second buffer for strings that need two passes; exposes its array to avoid copies. */
  private static final class Scratch extends ByteArrayOutputStream {
    Scratch() {
      super(128);
    }

    byte[] array() {
      return buf;
    }
  }

  /** A sink with a small initial capacity. */
  public JsonSink() {
    super(1024);
  }

  /** Appends ASCII text verbatim (punctuation and keys); no escaping. */
  public JsonSink raw(String ascii) {
    int n = ascii.length();
    room(n);
    for (int i = 0; i < n; i++) {
      buf[count++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Appends one byte; unlike the inherited method, not synchronized (a sink has one owner). */
  @Override
  public void write(int b) {
    room(1);
    buf[count++] = (byte) b;
  }

  /** Appends bytes; not synchronized. */
  @Override
  public void write(byte[] b, int off, int len) {
    room(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  private void room(int n) {
    if (count + n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(count + n, 2 * buf.length));
    }
  }

  /** Appends {@code ,"key":} or {@code "key":} when {@code first}. */
  public JsonSink key(String key, boolean first) {
    if (!first) {
      write(',');
    }
    write('"');
    raw(key);
    write('"');
    write(':');
    return this;
  }

  /** Appends a Go JSON string of raw bytes (each invalid UTF-8 byte becomes an escaped U+FFFD). */
  public JsonSink string(byte[] utf8) {
    GoStrings.appendJsonString(this, utf8, 0, utf8.length);
    return this;
  }

  /** Appends a Go JSON string of {@code s}. */
  public JsonSink string(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return string(GoUtf8.utf8(s));
      }
    }
    // ASCII fast path: the bytes are the chars
    scratch.reset();
    for (int i = 0; i < n; i++) {
      scratch.write(s.charAt(i));
    }
    GoStrings.appendJsonString(this, scratch.array(), 0, scratch.size());
    return this;
  }

  /** Appends the JSON string of a node name: Go strconv.Quote without quotes, then JSON. */
  public JsonSink quotedName(byte[] raw) {
    scratch.reset();
    GoStrings.appendQuotedName(scratch, raw);
    GoStrings.appendJsonString(this, scratch.array(), 0, scratch.size());
    return this;
  }

  /** Appends a signed decimal integer. */
  public JsonSink number(long v) {
    if (v >= 0 && v < 10) {
      write('0' + (int) v);
      return this;
    }
    return raw(Long.toString(v));
  }

  /** Appends the unsigned 64-bit decimal form of {@code v}. */
  public JsonSink unsigned(long v) {
    return v >= 0 ? number(v) : raw(Long.toUnsignedString(v));
  }

  /** Appends {@code "<64 hex>"}. */
  public JsonSink id(Id id) {
    write('"');
    raw(id.hex());
    write('"');
    return this;
  }

  /** Appends a quoted RFC3339Nano time. */
  public JsonSink time(Timestamp t) {
    write('"');
    t.formatTo(this);
    write('"');
    return this;
  }

  /** Appends {@code []byte} the Go way: standard base64 with padding, quoted. */
  public JsonSink base64(byte[] value) {
    write('"');
    writeBytes(Base64.getEncoder().encode(value));
    write('"');
    return this;
  }

  /** The bytes written so far, as a new array. */
  public byte[] bytes() {
    return toByteArray();
  }

  @Override
  public String toString() {
    return toString(StandardCharsets.UTF_8);
  }
}
