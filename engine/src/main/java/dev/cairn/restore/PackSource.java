package dev.cairn.restore;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import java.io.IOException;
import java.util.List;

/** Where restore reads blob content from: the index, raw pack ranges, and blob opening. */
public interface PackSource {
  /** Every stored copy of a blob; empty when the index does not know it. */
  List<PackedBlob> locate(BlobHandle handle);

  /**
   * Reads {@code length} bytes of pack {@code pack} at {@code offset} into {@code dst} (from
   * index 0), which has room for them.
   */
  void readPack(Id pack, long offset, int length, byte[] dst) throws IOException;

  /**
   * Checks, decrypts and decompresses the stored blob at {@code buf[off..]}. The plaintext is
   * {@code [0, blob.plaintextLength())} of the result, which may be a buffer of the calling
   * thread, valid until its next call.
   *
   * @throws dev.cairn.core.IntegrityException naming blob and pack when it is damaged
   */
  byte[] openBlob(PackedBlob blob, byte[] buf, int off);

  /** How many packs to read at once. */
  int connections();
}
