package dev.cairn.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 value: the id of a blob (hash of its plaintext) or of a repository file
 * (hash of its stored bytes). Immutable; compares by value; prints as 64 lowercase hex digits.
 */
public final class Id implements Comparable<Id> {
  /** Length of an id in bytes. */
  public static final int SIZE = 32;

  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Id::sha256);

  private final byte[] bytes;
  private final int hash;

  private Id(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Returns the id made of a copy of the 32 bytes at {@code off} in {@code src}. */
  public static Id of(byte[] src, int off) {
    return new Id(Arrays.copyOfRange(src, off, off + SIZE));
  }

  /** Returns the id made of a copy of {@code bytes}, which must be 32 bytes long. */
  public static Id of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an id has 32 bytes, got " + bytes.length);
    }
    return new Id(bytes.clone());
  }

  /**
   * Parses 64 hex digits.
   *
   * @throws IllegalArgumentException when {@code hex} is not exactly 64 hex digits
   */
  public static Id parse(String hex) {
    if (hex.length() != 2 * SIZE) {
      throw new IllegalArgumentException("invalid id \"" + hex + "\": want 64 hex digits");
    }
    try {
      return new Id(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid id \"" + hex + "\": not hex", e);
    }
  }

  /** Returns true when {@code name} is 64 lowercase hex digits, the form of stored file names. */
  public static boolean isValid(String name) {
    if (name.length() != 2 * SIZE) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** SHA-256 of {@code len} bytes of {@code data} from {@code off}. */
  public static Id hash(byte[] data, int off, int len) {
    MessageDigest md = DIGEST.get();
    md.update(data, off, len);
    return new Id(md.digest());
  }

  /** SHA-256 of all of {@code data}. */
  public static Id hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /** Wraps a finished digest; the caller gives up {@code digest}. */
  public static Id fromDigest(MessageDigest md) {
    return new Id(md.digest());
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code dst} at {@code off}. */
  public void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, SIZE);
  }

  /** The byte at {@code i}, 0..31. */
  public byte byteAt(int i) {
    return bytes[i];
  }

  /** 64 lowercase hex digits. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** The first 8 hex digits, as restic prints short ids. */
  public String shortHex() {
    return HEX.formatHex(bytes, 0, 4);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Id other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Id o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
