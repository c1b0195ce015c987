package dev.cairn.restore;

import dev.cairn.tree.ExtendedAttribute;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import java.time.Instant;
import java.util.List;

/**
 * The part of a node that a restore applies once the item's content is written: owner, user
 * extended attributes, times and mode. A file waiting for its packs keeps only this, not its
 * node (a tenth of the memory: a restore of many small files holds one per file).
 *
 * @param type the node's type (times and mode are applied differently to symlinks)
 * @param uid the owner's id
 * @param gid the group's id
 * @param xattrs the extended attributes, possibly empty
 * @param atimeSecond access time, seconds
 * @param atimeNano access time, nanoseconds
 * @param mtimeSecond modification time, seconds
 * @param mtimeNano modification time, nanoseconds
 * @param mode the node's Go file mode
 */
record ItemMeta(NodeType type, int uid, int gid, List<ExtendedAttribute> xattrs,
    long atimeSecond, int atimeNano, long mtimeSecond, int mtimeNano, long mode) {
  static ItemMeta of(Node n) {
    Instant a = n.atime().toInstant();
    Instant m = n.mtime().toInstant();
    return new ItemMeta(n.type(), (int) n.uid(), (int) n.gid(),
        n.extendedAttributes() == null || n.extendedAttributes().isEmpty() ? List.of()
            : n.extendedAttributes(),
        a.getEpochSecond(), a.getNano(), m.getEpochSecond(), m.getNano(), n.mode());
  }

  Instant atime() {
    return Instant.ofEpochSecond(atimeSecond, atimeNano);
  }

  Instant mtime() {
    return Instant.ofEpochSecond(mtimeSecond, mtimeNano);
  }
}
