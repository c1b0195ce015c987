package dev.cairn.backup;

import dev.cairn.filter.PathPatterns;

/**
 * How to back up.
 *
 * @param excludes patterns of items to leave out
 * @param oneFileSystem do not descend into directories on other file systems
 * @param ignoreCtime do not treat a changed ctime as a change
 * @param ignoreInode do not treat a changed inode number as a change
 * @param readers files read at once (restic's {@code --read-concurrency}, default 2)
 * @param workers threads that hash, compress and encrypt chunks
 */
public record ArchiverOptions(
    PathPatterns excludes,
    boolean oneFileSystem,
    boolean ignoreCtime,
    boolean ignoreInode,
    int readers,
    int workers) {
  /** restic's defaults: no excludes, two readers, one worker per core. */
  public static ArchiverOptions defaults() {
    return new ArchiverOptions(
        PathPatterns.none(), false, false, false, 2,
        Runtime.getRuntime().availableProcessors());
  }
}
