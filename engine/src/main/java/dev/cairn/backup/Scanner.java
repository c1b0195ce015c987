package dev.cairn.backup;

import dev.cairn.filter.PathPatterns;
import dev.cairn.fs.FileScanner;
import dev.cairn.fs.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts the files, directories and bytes a backup will process, for progress totals. Runs on
 * its own thread beside the backup, as restic's scanner does; errors are ignored here (the
 * backup reports them).
 */
public final class Scanner {
  private final FileScanner fs;
  private final PathPatterns excludes;
  private long files;
  private long dirs;
  private long bytes;

  public Scanner(FileScanner fs, PathPatterns excludes) {
    this.fs = fs;
    this.excludes = excludes;
  }

  /** Scans the targets and reports the totals to {@code progress}. */
  public void scan(List<Path> targets, BackupProgress progress) {
    for (Path t : targets) {
      visit(t.toAbsolutePath().normalize());
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
    progress.totals(files, dirs, bytes);
  }

  private void visit(Path p) {
    FileStat st;
    try {
      st = fs.lstat(p);
    } catch (IOException e) {
      return;
    }
    if (st.kind() == FileStat.Kind.REGULAR) {
      files++;
      bytes += st.size();
    } else if (st.kind() == FileStat.Kind.DIRECTORY) {
      dirs++;
      try {
        for (Path c : fs.list(p)) {
          if (!excludes.matches(c)) {
            visit(c);
          }
        }
      } catch (IOException e) {
        // reported by the backup itself
      }
    }
  }
}
