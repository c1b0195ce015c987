/**
 * Restore: walks a snapshot's trees, creates directories, links and special files, and fills
 * files pack by pack: every needed pack is read once, in few large range reads, and each blob
 * is written to every file and offset that needs it. Metadata is applied after content, and to
 * directories after their children. Sees the repository only through {@link
 * dev.cairn.restore.PackSource} and {@link dev.cairn.core.BlobLoader}.
 */
package dev.cairn.restore;
