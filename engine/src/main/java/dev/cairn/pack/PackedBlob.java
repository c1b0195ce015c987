package dev.cairn.pack;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;

/**
 * Where one blob is stored: in pack {@code pack} at {@code offset}, taking {@code length} bytes
 * (sealed, so including 32 bytes of IV and MAC). {@code uncompressedLength} is the plaintext
 * length of a compressed blob and 0 for an uncompressed one.
 */
public record PackedBlob(BlobHandle handle, Id pack, long offset, int length, int uncompressedLength) {
  public Id id() {
    return handle.id();
  }

  public BlobType type() {
    return handle.type();
  }

  public boolean compressed() {
    return uncompressedLength != 0;
  }

  /** Plaintext length of the blob. */
  public int plaintextLength() {
    return compressed() ? uncompressedLength : length - dev.cairn.crypto.Key.OVERHEAD;
  }

  /** Size of this blob's entry in the pack header: 37 bytes, or 41 when compressed. */
  public int headerEntrySize() {
    return compressed() ? PackHeader.ENTRY_COMPRESSED : PackHeader.ENTRY_PLAIN;
  }
}
