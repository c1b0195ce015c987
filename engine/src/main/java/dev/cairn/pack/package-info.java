/**
 * Pack files (restic-format.md section 5): blobs, each sealed on its own, followed by a sealed
 * header listing them and the header's length. {@link dev.cairn.pack.PackWriter} assembles a
 * pack, {@link dev.cairn.pack.PackHeader} encodes and parses the header,
 * {@link dev.cairn.pack.BlobCodec} compresses, seals and opens single blobs.
 *
 * <p>Depends on {@code core} and {@code crypto}; knows nothing of backends or indexes.
 */
package dev.cairn.pack;
