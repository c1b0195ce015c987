package dev.cairn.fs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One extended attribute, as restic stores it: the full name including its namespace prefix (for
 * example {@code user.mime_type}) and the raw value bytes. The value array is copied in and out,
 * so instances are immutable; equality compares the value bytes.
 *
 * @param name full attribute name with namespace prefix
 * @param value raw value bytes, possibly empty
 */
public record Xattr(String name, byte[] value) {

  /** The namespace prefix of the only attributes this package reads and writes. */
  public static final String USER_PREFIX = "user.";

  /** Copies {@code value} and checks that neither part is null and the name is not empty. */
  public Xattr {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty attribute name");
    }
    value = value.clone();
  }

  /** A copy of the value bytes. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** True for names in the {@code user.} namespace. */
  public boolean isUser() {
    return name.startsWith(USER_PREFIX);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Xattr x && name.equals(x.name) && Arrays.equals(value, x.value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Xattr[" + name + "=" + RawNames.display(value) + "]";
  }

  /** Convenience for tests and callers with text values: the UTF-8 bytes of {@code value}. */
  public static Xattr ofText(String name, String value) {
    return new Xattr(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
