package dev.cairn.prune;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.TreeWalker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blobs the snapshots of a repository still use: every tree and every file's data.
 *
 * @param snapshots how many snapshots were walked
 */
public record UsedBlobs(Set<BlobHandle> blobs, int snapshots) {
  /**
   * Walks the trees of every snapshot except {@code ignore} (snapshots being forgotten).
   *
   * @throws CairnException naming the snapshot or tree that cannot be loaded
   */
  public static UsedBlobs find(Repository repo, Set<Id> ignore, int threads) throws IOException {
    List<Id> roots = new ArrayList<>();
    for (Id id : repo.list(FileType.SNAPSHOT)) {
      if (ignore.contains(id)) {
        continue;
      }
      Snapshot sn;
      try {
        sn = Snapshot.decode(repo.loadUnpacked(FileType.SNAPSHOT, id));
      } catch (IOException | RuntimeException e) {
        throw new CairnException("failed loading snapshot " + id.hex() + ": " + e.getMessage(), e);
      }
      if (sn.tree() == null) {
        throw new CairnException("snapshot " + id.hex() + " has no tree");
      }
      roots.add(sn.tree());
    }
    Set<BlobHandle> used = ConcurrentHashMap.newKeySet();
    new TreeWalker(repo, threads).walk(roots, (treeId, tree) -> {
      used.add(new BlobHandle(treeId, BlobType.TREE));
      for (Node n : tree.nodes()) {
        if (n.type() == NodeType.FILE && n.content() != null) {
          for (Id blob : n.content()) {
            used.add(new BlobHandle(blob, BlobType.DATA));
          }
        }
      }
    });
    return new UsedBlobs(used, roots.size());
  }
}
