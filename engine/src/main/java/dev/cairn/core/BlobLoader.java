package dev.cairn.core;

import java.io.IOException;

/** Reads blobs by id: the read side of a repository as the operations see it. */
public interface BlobLoader {
  /**
   * Returns the plaintext of a blob, verified against its id.
   *
   * @throws CairnException when the repository does not have the blob, or the stored bytes fail
   *     a check (the message names blob and pack)
   * @throws IOException when the store cannot be read
   */
  byte[] loadBlob(BlobType type, Id id) throws IOException;
}
