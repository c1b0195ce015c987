package dev.cairn.pack;

import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.Key;
import java.util.List;

/**
 * Reads the header at the end of a pack. The caller fetches the pack's tail (usually
 * {@link PackHeader#EAGER_TAIL} bytes, or the whole pack when it is smaller); when the header is
 * longer than the tail, {@link #headerLength} tells how much to fetch.
 */
public final class PackReader {
  private PackReader() {}

  /**
   * The length of the sealed header, from the last 4 bytes of {@code tail}.
   *
   * @throws IntegrityException when the length is impossible for a pack of {@code packSize}
   */
  public static int headerLength(Id pack, byte[] tail, long packSize) {
    if (packSize < PackHeader.ENTRY_PLAIN + Key.OVERHEAD + 4 || tail.length < 4) {
      throw new IntegrityException(
          "pack " + pack.hex() + ": " + packSize + " bytes is too small to be a pack");
    }
    int hlen = PackHeader.getInt(tail, tail.length - 4);
    if (hlen < Key.OVERHEAD + PackHeader.ENTRY_PLAIN
        || hlen > PackHeader.MAX_HEADER + Key.OVERHEAD
        || hlen > packSize - 4) {
      throw new IntegrityException(
          "pack " + pack.hex() + ": invalid header length " + Integer.toUnsignedString(hlen)
              + " for a pack of " + packSize + " bytes");
    }
    return hlen;
  }

  /**
   * Opens and parses the header held in the last {@code headerLength + 4} bytes of {@code tail}.
   *
   * @throws IntegrityException when the header's MAC or an entry is bad, or the entries claim
   *     more bytes than the pack has
   */
  public static List<PackedBlob> parse(
      Id pack, byte[] tail, long packSize, Key key, int repoVersion) {
    int hlen = headerLength(pack, tail, packSize);
    if (tail.length < hlen + 4) {
      throw new IllegalArgumentException("tail of " + tail.length + " bytes lacks the header");
    }
    byte[] header;
    try {
      header = key.open(tail, tail.length - 4 - hlen, hlen);
    } catch (IntegrityException e) {
      throw new IntegrityException("pack " + pack.hex() + ": header: " + e.getMessage(), e);
    }
    List<PackedBlob> blobs = PackHeader.decode(pack, header, repoVersion);
    long end = packSize - 4 - hlen;
    for (PackedBlob b : blobs) {
      if (b.offset() + b.length() > end) {
        throw new IntegrityException(
            "pack " + pack.hex() + ": blob " + b.id().hex() + " extends past the blob area");
      }
    }
    return blobs;
  }
}
