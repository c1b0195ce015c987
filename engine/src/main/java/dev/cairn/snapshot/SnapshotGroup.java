package dev.cairn.snapshot;

import java.util.List;

/** The snapshots sharing one {@link GroupKey}. */
public record SnapshotGroup(GroupKey key, List<SnapshotRef> snapshots) {
  /** Copies the list. */
  public SnapshotGroup {
    snapshots = List.copyOf(snapshots);
  }
}
