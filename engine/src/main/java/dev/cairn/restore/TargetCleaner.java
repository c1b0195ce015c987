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

  /** Returns the number of top-most entries removed. */
  long clean(Path target) throws IOException {
    if (!options.includes().isEmpty() || !options.excludes().isEmpty()) {
      return cleanDir(target, true);
    }
    return cleanDir(target, false);
  }

  private long cleanDir(Path dir, boolean onlyRestoredDirs) throws IOException {
    long removed = 0;
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(children::add);
    }
    for (Path p : children) {
      if (!restored.contains(p)) {
        if (!onlyRestoredDirs) {
          deleteRecursively(p);
          removed++;
        }
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        removed += cleanDir(p, onlyRestoredDirs);
      }
    }
    return removed;
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
