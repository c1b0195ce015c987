package dev.cairn.restore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code restore --delete}: removes what is in the target but not in the restored snapshot,
 * leaving alone what the include and exclude patterns kept out of the restore.
 */
final class TargetCleaner {
  private final Set<Path> restored;
  private final RestoreOptions options;

  TargetCleaner(Set<Path> restored, RestoreOptions options) {
    this.restored = restored;
    this.options = options;
  }

  /**
   * Removes what was not restored below {@code target}, whose contents correspond to
   * {@code snapshotRoot} in the snapshot; returns the number of top-most entries removed.
   */
  long clean(Path target, Path snapshotRoot) throws IOException {
    return cleanDir(target, snapshotRoot);
  }

  private long cleanDir(Path dir, Path snapDir) throws IOException {
    long removed = 0;
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(children::add);
    }
    for (Path p : children) {
      Path snap = snapDir.resolve(p.getFileName());
      if (restored.contains(p)) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          removed += cleanDir(p, snap);
        }
      } else if (!filteredOut(snap)) {
        deleteRecursively(p);
        removed++;
      }
    }
    return removed;
  }

  /** Paths the patterns kept out of the restore are left alone. */
  private boolean filteredOut(Path snap) {
    return options.excludes().matches(snap)
        || (!options.includes().isEmpty() && !options.includes().mayMatchBelow(snap));
  }

  /** Deletes a file, link or directory tree without following symlinks. */
  static void deleteRecursively(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
        ds.forEach(children::add);
      }
      for (Path c : children) {
        deleteRecursively(c);
      }
    }
    Files.deleteIfExists(p);
  }
}
