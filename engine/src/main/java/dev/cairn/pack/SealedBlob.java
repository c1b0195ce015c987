package dev.cairn.pack;

import dev.cairn.core.BlobHandle;

/**
 * A blob ready to go into a pack: its sealed bytes {@code data[0..length)} and, when compressed,
 * its plaintext length (0 when stored uncompressed). {@code data} may be a reused buffer (see
 * {@link BlobCodec#seal}).
 */
public record SealedBlob(BlobHandle handle, byte[] data, int length, int uncompressedLength) {}
