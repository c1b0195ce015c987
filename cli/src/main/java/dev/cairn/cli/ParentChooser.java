package dev.cairn.cli;

import dev.cairn.core.CairnException;
import dev.cairn.snapshot.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the parent snapshot of a backup as restic does: {@code --parent} when given, else the
 * latest snapshot of the same host with the same absolute paths.
 */
final class ParentChooser {
  private final SnapshotFinder finder;

  ParentChooser(SnapshotFinder finder) {
    this.finder = finder;
  }

  SnapshotFinder.Found choose(String explicit, String hostname, List<String> sortedPaths)
      throws IOException {
    if (explicit != null) {
      SnapshotFinder.Found f = finder.find(explicit, dev.cairn.snapshot.SnapshotFilter.ALL);
      if (f == null) {
        throw new CairnException("parent snapshot " + explicit + " not found");
      }
      return f;
    }
    SnapshotFinder.Found best = null;
    for (SnapshotFinder.Found f : finder.all()) {
      Snapshot s = f.snapshot();
      List<String> p = s.paths() == null ? List.of() : new ArrayList<>(s.paths());
      p.sort(null);
      if (s.hostname().equals(hostname) && p.equals(sortedPaths)) {
        best = f;
      }
    }
    return best;
  }
}
