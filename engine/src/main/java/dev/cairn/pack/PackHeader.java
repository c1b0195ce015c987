package dev.cairn.pack;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext pack header: one entry per blob in pack order, {@code type(1) len_enc(4 LE)
 * [len_plain(4 LE)] id(32)}. Offsets are implicit: the sum of the lengths before.
 */
public final class PackHeader {
  /** Entry size of an uncompressed blob. */
  public static final int ENTRY_PLAIN = 37;
  /** Entry size of a compressed blob. */
  public static final int ENTRY_COMPRESSED = 41;
  /**
   * Bytes a pack spends on its header besides the entries: the header's IV and MAC and the
   * 4-byte length at the end.
   */
  public static final int OVERHEAD = Key.OVERHEAD + 4;
  /** Largest header restic accepts. */
  public static final int MAX_HEADER = 16 * 1024 * 1024;
  /** Bytes restic reads from the end of a pack in its first request. */
  public static final int EAGER_TAIL = 15 * ENTRY_COMPRESSED + Key.OVERHEAD + 4;

  private PackHeader() {}

  /** Encodes the entries of {@code blobs}, which must be in pack order. */
  public static byte[] encode(List<PackedBlob> blobs) {
    int size = 0;
    for (PackedBlob b : blobs) {
      size += b.headerEntrySize();
    }
    byte[] out = new byte[size];
    int p = 0;
    for (PackedBlob b : blobs) {
      boolean data = b.type() == BlobType.DATA;
      out[p++] = (byte) (b.compressed() ? (data ? 2 : 3) : (data ? 0 : 1));
      putInt(out, p, b.length());
      p += 4;
      if (b.compressed()) {
        putInt(out, p, b.uncompressedLength());
        p += 4;
      }
      b.id().copyTo(out, p);
      p += Id.SIZE;
    }
    return out;
  }

  /**
   * Parses a decrypted header of pack {@code pack}.
   *
   * @throws IntegrityException on an unknown type byte, a compressed entry in a version 1
   *     repository, or a truncated entry
   */
  public static List<PackedBlob> decode(Id pack, byte[] header, int repoVersion) {
    List<PackedBlob> out = new ArrayList<>(header.length / ENTRY_PLAIN);
    long offset = 0;
    int p = 0;
    while (p < header.length) {
      int type = header[p] & 0xff;
      boolean compressed = type == 2 || type == 3;
      if (type > 3 || (compressed && repoVersion < 2)) {
        throw new IntegrityException(
            "pack " + pack.shortHex() + ": invalid blob type " + type + " in header entry at " + p);
      }
      int entry = compressed ? ENTRY_COMPRESSED : ENTRY_PLAIN;
      if (p + entry > header.length) {
        throw new IntegrityException("pack " + pack.shortHex() + ": truncated header entry at " + p);
      }
      int length = getInt(header, p + 1);
      int ulen = compressed ? getInt(header, p + 5) : 0;
      Id id = Id.of(header, p + entry - Id.SIZE);
      BlobType bt = (type & 1) == 0 ? BlobType.DATA : BlobType.TREE;
      if (length < Key.OVERHEAD) {
        throw new IntegrityException(
            "pack " + pack.shortHex() + ": blob " + id.shortHex() + " has invalid length " + length);
      }
      out.add(new PackedBlob(new BlobHandle(id, bt), pack, offset, length, ulen));
      offset += Integer.toUnsignedLong(length);
      p += entry;
    }
    return out;
  }

  /** The pack size implied by its blobs: blobs, sealed header and the 4-byte length. */
  public static long packSize(List<PackedBlob> blobs) {
    long size = Key.OVERHEAD + 4;
    for (PackedBlob b : blobs) {
      size += Integer.toUnsignedLong(b.length()) + b.headerEntrySize();
    }
    return size;
  }

  static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
  }

  static int getInt(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
  }
}
