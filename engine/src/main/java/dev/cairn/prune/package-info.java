/**
 * Prune: finds the blobs the snapshots still use, plans which packs to delete and which to
 * repack from the index alone (restic-format.md §10.2), and carries the plan out in restic's
 * crash-safe order: new packs, new index, old index files deleted, old packs deleted.
 */
package dev.cairn.prune;
