/**
 * Backup: walks the target paths, reads changed files through the chunker, hands chunks to a
 * {@link dev.cairn.core.BlobSaver}, builds restic trees bottom-up and returns the root tree for
 * a snapshot. Files unchanged since the parent snapshot (same size, mtime, ctime and inode) are
 * not read. Sees the repository only through the {@code core} role interfaces.
 */
package dev.cairn.backup;
