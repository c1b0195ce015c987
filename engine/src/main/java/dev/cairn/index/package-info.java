/**
 * Index files (restic-format.md section 6), which say for every blob the pack, offset and
 * length where it is stored, and the in-memory {@link dev.cairn.index.MasterIndex}, the union of
 * all index files of a repository held in compact primitive arrays.
 *
 * <p>Depends on {@code core} and {@code pack}.
 */
package dev.cairn.index;
