package dev.cairn.tree;

import java.util.Arrays;
import java.util.Objects;

/**
 * One extended attribute of a node, as listed by listxattr. Stored as
 * {@code {"name":"user.x","value":"<base64>"}}.
 *
 * @param name the attribute name, e.g. {@code user.comment}
 * @param value the raw attribute value; may be empty
 */
public record ExtendedAttribute(String name, byte[] value) {
  /** Rejects nulls and keeps a private copy of the value. */
  public ExtendedAttribute {
    Objects.requireNonNull(name, "name");
    value = value.clone();
  }

  /** A copy of the value. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  void writeTo(JsonSink out) {
    out.write('{');
    out.key("name", true).string(name);
    out.key("value", false).base64(value);
    out.write('}');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtendedAttribute other
        && name.equals(other.name)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "ExtendedAttribute[" + name + ", " + value.length + " bytes]";
  }
}
