/**
 * Trees and nodes: restic's directory listings and their exact JSON bytes.
 *
 * <p>A {@link dev.cairn.tree.Tree} is the content of one directory, a list of
 * {@link dev.cairn.tree.Node}s sorted by raw name bytes. Its blob is Go {@code json.Marshal}
 * output as restic 0.14 (go1.19) writes it, and its id is the SHA-256 of that output, so
 * deduplication against restic repositories depends on reproducing every byte: Go struct field
 * order, {@code omitempty}, {@code strconv.Quote} on names ({@link dev.cairn.tree.GoStrings}),
 * Go's JSON string escaping, and RFC3339Nano times that keep their zone offset
 * ({@link dev.cairn.tree.Timestamp}). Encoding is hand-written into a reusable
 * {@link dev.cairn.tree.JsonSink}; decoding uses Jackson's streaming parser through
 * {@link dev.cairn.tree.JsonSource}, keeping unsigned 64-bit values.
 *
 * <p>Names and link targets are {@code byte[]} end to end, since Linux names need not be UTF-8.
 * Specification: restic-format.md §7.2 to §7.4 and §16.
 *
 * <p>Depends on {@code dev.cairn.core} and Jackson core only.
 */
package dev.cairn.tree;
