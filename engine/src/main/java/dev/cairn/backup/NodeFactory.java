package dev.cairn.backup;

import dev.cairn.fs.FileScanner;
import dev.cairn.fs.FileStat;
import dev.cairn.fs.Xattr;
import dev.cairn.tree.ExtendedAttribute;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeBuilder;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Timestamp;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a restic node from a file's lstat, as restic 0.14 does: times in the host's zone with
 * atime set to mtime, names for uid and gid, the device id on every node, {@code links} on
 * files, symlinks and devices, {@code user.*} extended attributes.
 */
final class NodeFactory {
  private final FileScanner scanner;
  private final ZoneId zone;

  NodeFactory(FileScanner scanner, ZoneId zone) {
    this.scanner = scanner;
    this.zone = zone;
  }

  /** restic keeps times inside years 0..9999 by changing the year only. */
  private Instant clampYear(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    if (z.getYear() < 0) {
      return z.withYear(0).toInstant();
    }
    if (z.getYear() > 9999) {
      return z.withYear(9999).toInstant();
    }
    return t;
  }

  /**
   * A builder with every field the stat gives; content and subtree are left to the caller.
   *
   * @return null for a socket, which restic skips
   */
  NodeBuilder fromStat(byte[] name, Path path, FileStat st, List<SourceError> warnings)
      throws java.io.IOException {
    NodeType type = switch (st.kind()) {
      case REGULAR -> NodeType.FILE;
      case DIRECTORY -> NodeType.DIR;
      case SYMLINK -> NodeType.SYMLINK;
      case BLOCK_DEVICE -> NodeType.DEV;
      case CHAR_DEVICE -> NodeType.CHARDEV;
      case FIFO -> NodeType.FIFO;
      case SOCKET -> null;
    };
    if (type == null) {
      return null;
    }
    Timestamp mtime = Timestamp.of(clampYear(st.mtime()), zone);
    NodeBuilder b = Node.builder(name, type)
        .mode(Node.goMode(st.mode()))
        .mtime(mtime)
        .atime(mtime)
        .ctime(Timestamp.of(clampYear(st.ctime()), zone))
        .uid(Integer.toUnsignedLong(st.uid()))
        .gid(Integer.toUnsignedLong(st.gid()))
        .inode(st.ino())
        .deviceId(st.dev());
    String user = scanner.userName(st.uid());
    if (user != null) {
      b.user(user);
    }
    String group = scanner.groupName(st.gid());
    if (group != null) {
      b.group(group);
    }
    switch (type) {
      case FILE -> b.links(st.nlink()).size(st.size());
      case SYMLINK -> b.links(st.nlink()).linkTarget(scanner.readLink(path));
      case DEV, CHARDEV -> b.links(st.nlink()).device(st.rdev());
      default -> { }
    }
    if (type != NodeType.SYMLINK) {
      try {
        List<Xattr> xattrs = scanner.readXattrs(path, st);
        if (!xattrs.isEmpty()) {
          List<ExtendedAttribute> ea = new ArrayList<>(xattrs.size());
          for (Xattr x : xattrs) {
            ea.add(new ExtendedAttribute(x.name(), x.value()));
          }
          b.extendedAttributes(ea);
        }
      } catch (java.io.IOException e) {
        warnings.add(new SourceError(path.toString(),
            "unable to read extended attributes: " + e.getMessage()));
      }
    }
    return b;
  }
}
