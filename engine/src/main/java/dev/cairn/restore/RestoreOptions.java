package dev.cairn.restore;

import dev.cairn.filter.PathPatterns;

/**
 * How to restore.
 *
 * @param includes restore only paths matching these patterns (all when empty)
 * @param excludes leave out paths matching these patterns
 * @param delete remove files in the target that the snapshot does not have
 * @param verify read restored files back and check every blob's hash
 * @param sparse leave holes for all-zero blocks instead of writing them
 */
public record RestoreOptions(
    PathPatterns includes, PathPatterns excludes, boolean delete, boolean verify, boolean sparse) {
  public static RestoreOptions defaults() {
    return new RestoreOptions(PathPatterns.none(), PathPatterns.none(), false, false, true);
  }
}
