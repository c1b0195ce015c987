package dev.cairn.core;

import java.io.IOException;

/** Stores blobs: the write side of a repository as the operations see it. */
public interface BlobSaver {
  /**
   * Stores {@code len} bytes of {@code buf} from {@code off} as blob {@code id} (the SHA-256 of
   * exactly those bytes, computed by the caller) unless the repository already has it or is
   * storing it. Safe for many threads at once; blocks when too much is in flight. The bytes are
   * consumed before the call returns, so the caller may reuse {@code buf}.
   *
   * @return the number of bytes the blob adds to the repository (sealed, maybe compressed), or
   *     -1 when the blob was already known
   */
  int saveBlob(BlobType type, Id id, byte[] buf, int off, int len) throws IOException;

  /** True when the repository has the blob or is storing it. */
  boolean hasBlob(BlobType type, Id id);
}
