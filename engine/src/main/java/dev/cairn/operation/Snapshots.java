package dev.cairn.operation;

import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The snapshots of a repository, loaded once: listing with filters, lookup by {@code latest} or
 * a unique id prefix, the parent for a backup, and a directory's tree inside a snapshot. Takes no
 * lock; the caller holds what it needs.
 */
public final class Snapshots {
  private final Repository repo;
  private List<SnapshotRef> all;

  public Snapshots(Repository repo) {
    this.repo = repo;
  }

  /** Every snapshot, oldest first (ties by id). */
  public List<SnapshotRef> all() throws IOException {
    if (all == null) {
      List<SnapshotRef> out = new ArrayList<>();
      for (Id id : repo.list(FileType.SNAPSHOT)) {
        out.add(new SnapshotRef(id, Snapshot.decode(repo.loadUnpacked(FileType.SNAPSHOT, id))));
      }
      out.sort(Comparator.comparing((SnapshotRef f) -> f.snapshot().time().toInstant())
          .thenComparing(SnapshotRef::id));
      all = List.copyOf(out);
    }
    return all;
  }

  /** Snapshots passing {@code filter}, oldest first. */
  public List<SnapshotRef> matching(SnapshotFilter filter) throws IOException {
    List<SnapshotRef> out = new ArrayList<>();
    for (SnapshotRef f : all()) {
      if (filter.matches(f.snapshot())) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * {@code latest} (the newest passing the filter) or the snapshot with the unique id prefix
   * {@code ref} (filters do not apply to an id, as in restic).
   *
   * @throws CairnException naming {@code ref} when there is no such snapshot
   */
  public SnapshotRef find(String ref, SnapshotFilter filter) throws IOException {
    if (ref.equals("latest")) {
      List<SnapshotRef> m = matching(filter);
      if (m.isEmpty()) {
        throw new CairnException("no snapshot found" + (filter.equals(SnapshotFilter.ALL) ? ""
            : " matching the given filters"));
      }
      return m.get(m.size() - 1);
    }
    Id id = repo.resolve(FileType.SNAPSHOT, ref);
    for (SnapshotRef f : all()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new CairnException("snapshot " + ref + " not found");
  }

  /**
   * The parent of a backup, as restic picks it: the latest snapshot of {@code hostname} whose
   * paths, sorted, are {@code sortedPaths}; null when there is none.
   */
  public SnapshotRef latestOf(String hostname, List<String> sortedPaths) throws IOException {
    SnapshotRef best = null;
    for (SnapshotRef f : all()) {
      Snapshot s = f.snapshot();
      List<String> p = s.paths() == null ? new ArrayList<>() : new ArrayList<>(s.paths());
      p.sort(null);
      if (s.hostname().equals(hostname) && p.equals(sortedPaths)) {
        best = f;
      }
    }
    return best;
  }

  /** The tree at {@code subpath} ("" or "/" for the root) of a snapshot. */
  public Id subtree(Snapshot sn, String subpath) throws IOException {
    Id tree = sn.tree();
    for (String part : subpath.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      Tree t = Tree.decode(repo.loadBlob(BlobType.TREE, tree));
      Node n = t.find(part.getBytes(StandardCharsets.UTF_8));
      if (n == null || n.type() != NodeType.DIR) {
        throw new CairnException(
            "path \"" + subpath + "\" not found in snapshot (or not a directory)");
      }
      tree = n.subtree();
    }
    return tree;
  }
}
