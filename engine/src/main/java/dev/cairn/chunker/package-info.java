/**
 * Content-defined chunking, bit-identical to restic's Rabin chunker ({@code
 * github.com/restic/chunker}): the chunker polynomial ({@link dev.cairn.chunker.Polynomial}:
 * parsing, irreducibility, generation for {@code restic init}) and the {@link
 * dev.cairn.chunker.Chunker} that splits a file's bytes into data blobs of 512 KiB to 8 MiB.
 *
 * <p>This package owns the chunk boundaries: identical input and polynomial must give the same
 * chunks as restic, so blob ids deduplicate against repositories written by restic. It does no
 * hashing of chunks, compression or I/O beyond reading the stream it is given, and depends on the
 * JDK only.
 */
package dev.cairn.chunker;
