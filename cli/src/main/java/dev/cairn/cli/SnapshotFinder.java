package dev.cairn.cli;

import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Loads snapshots and finds one by {@code latest} or a unique id prefix, with filters. */
final class SnapshotFinder {
  /** A snapshot and its id. */
  record Found(Id id, Snapshot snapshot) {}

  private final Repository repo;
  private List<Found> all;

  SnapshotFinder(Repository repo) {
    this.repo = repo;
  }

  /** Every snapshot, oldest first. */
  List<Found> all() throws IOException {
    if (all == null) {
      List<Found> out = new ArrayList<>();
      for (Id id : repo.list(FileType.SNAPSHOT)) {
        out.add(new Found(id, Snapshot.decode(repo.loadUnpacked(FileType.SNAPSHOT, id))));
      }
      out.sort(Comparator.comparing((Found f) -> f.snapshot().time().toInstant())
          .thenComparing(Found::id));
      all = out;
    }
    return all;
  }

  /** Snapshots passing {@code filter}, oldest first. */
  List<Found> matching(SnapshotFilter filter) throws IOException {
    List<Found> out = new ArrayList<>();
    for (Found f : all()) {
      if (filter.matches(f.snapshot())) {
        out.add(f);
      }
    }
    return out;
  }

  /** {@code latest} (newest passing the filter) or the snapshot with a unique id prefix. */
  Found find(String ref, SnapshotFilter filter) throws IOException {
    if (ref.equals("latest")) {
      List<Found> m = matching(filter);
      if (m.isEmpty()) {
        throw new CairnException("no snapshot found" + (filter.equals(SnapshotFilter.ALL) ? ""
            : " matching the given filters"));
      }
      return m.get(m.size() - 1);
    }
    Id id = repo.resolve(FileType.SNAPSHOT, ref);
    for (Found f : all()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new CairnException("snapshot " + ref + " not found");
  }

  Snapshot find(String ref) throws IOException {
    return find(ref, SnapshotFilter.ALL).snapshot();
  }

  /** The tree at {@code subpath} ("" or "/" for the root) of a snapshot. */
  Id subtree(Snapshot sn, String subpath) throws IOException {
    Id tree = sn.tree();
    for (String part : subpath.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      Tree t = Tree.decode(repo.loadBlob(BlobType.TREE, tree));
      Node n = t.find(part.getBytes(StandardCharsets.UTF_8));
      if (n == null || n.type() != NodeType.DIR) {
        throw new CairnException("path \"" + subpath + "\" not found in snapshot (or not a directory)");
      }
      tree = n.subtree();
    }
    return tree;
  }
}
