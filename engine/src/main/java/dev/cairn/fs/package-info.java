/**
 * The local file system as backup reads it and restore writes it, with Linux semantics.
 *
 * <p>File names on Linux are raw bytes that need not be valid UTF-8. {@link dev.cairn.fs.RawNames}
 * converts between {@link java.nio.file.Path} and those bytes without loss (when the JVM runs
 * with {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}), so every other type here keeps names
 * as bytes end to end.
 *
 * <ul>
 *   <li>{@link dev.cairn.fs.FileScanner} reads what restic stores in a node: {@link
 *       dev.cairn.fs.FileStat} from lstat, sorted directory listings, raw link targets and
 *       {@code user.*} extended attributes ({@link dev.cairn.fs.Xattr}).
 *   <li>{@link dev.cairn.fs.Accounts} maps uid/gid to user/group names and back.
 *   <li>{@link dev.cairn.fs.FileCreator} creates directories, links, device nodes and FIFOs and
 *       applies metadata in restic's restore order.
 *   <li>{@link dev.cairn.fs.SparseWriter} writes file content at positions, leaving holes for
 *       all-zero chunks.
 * </ul>
 *
 * <p>Every failing operation throws a {@link dev.cairn.fs.FileOperationException} that names the
 * operation and the path, rendered readably even when the name is not valid UTF-8.
 */
package dev.cairn.fs;
