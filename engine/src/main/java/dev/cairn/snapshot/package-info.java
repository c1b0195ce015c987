/**
 * Snapshots: the record of one backup, pointing at its root tree, and the filters that select
 * them.
 *
 * <p>A {@link dev.cairn.snapshot.Snapshot} encodes to the compact JSON restic stores in
 * {@code snapshots/<id>} (before compression and encryption), field for field in Go struct order
 * with Go's {@code omitempty} and string rules and no trailing newline (restic-format.md §7.1),
 * and decodes restic's JSON of any version, ignoring unknown fields.
 * {@link dev.cairn.snapshot.SnapshotFilter} implements {@code --host}, {@code --tag} and
 * {@code --path} selection.
 *
 * <p>Depends on {@code dev.cairn.core} and {@code dev.cairn.tree} (times and the JSON sink and
 * source).
 */
package dev.cairn.snapshot;
