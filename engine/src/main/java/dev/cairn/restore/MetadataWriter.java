package dev.cairn.restore;

import dev.cairn.fs.FileCreator;
import dev.cairn.tree.ExtendedAttribute;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Applies a node's metadata to a restored item in restic's order: owner (without following
 * links; permission errors ignored when not root), extended attributes, access and modification
 * times (not following links), then the mode with its special bits (not for symlinks).
 */
final class MetadataWriter {
  private final FileCreator fs;

  MetadataWriter(FileCreator fs) {
    this.fs = fs;
  }

  void apply(Path path, Node node) throws IOException {
    apply(path, ItemMeta.of(node));
  }

  void apply(Path path, ItemMeta node) throws IOException {
    fs.lchown(path, node.uid(), node.gid());
    if (node.type() != NodeType.SYMLINK) {
      for (ExtendedAttribute x : node.xattrs()) {
        if (x.name().startsWith("user.")) {
          fs.setXattr(path, x.name(), x.value());
        }
      }
    }
    if (node.type() == NodeType.FILE || node.type() == NodeType.DIR) {
      fs.setFileTimes(path, node.atime(), node.mtime());
    } else {
      fs.setTimes(path, node.atime(), node.mtime());
    }
    if (node.type() != NodeType.SYMLINK) {
      fs.chmod(path, Node.unixMode(node.mode()) & 07777);
    }
  }
}
