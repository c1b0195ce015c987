package dev.cairn.restore;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobLoader;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.fs.FileCreator;
import dev.cairn.fs.RawNames;
import dev.cairn.pack.PackedBlob;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores a tree into a target directory. Planning walks the trees and creates directories,
 * symlinks and special files at once; file content is then restored pack by pack by
 * {@link PackDownloader}s on {@link PackSource#connections()} threads; hard links, directory
 * metadata, {@code --delete} and {@code --verify} follow.
 */
public final class Restorer {
  private final BlobLoader trees;
  private final PackSource packs;
  private final RestoreOptions options;
  private final FileCreator fs = new FileCreator();
  private final MetadataWriter metadata = new MetadataWriter(fs);
  private final RestoreErrors errors = new RestoreErrors();
  private final Map<Id, List<BlobUse>> packUses = new LinkedHashMap<>();
  private final List<FileTarget> files = new ArrayList<>();
  private final Map<String, Path> firstLink = new HashMap<>();
  private final List<Link> hardlinks = new ArrayList<>();
  private final List<Dir> dirs = new ArrayList<>();
  private final Set<Path> restored = new HashSet<>();
  private final AtomicLong filesDone = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private long others;

  /** A hard link to make once its target has its content. */
  private record Link(Path path, Path target) {}

  /** A restored directory, whose metadata is applied after its children. */
  private record Dir(Path path, Node node) {}

  public Restorer(BlobLoader trees, PackSource packs, RestoreOptions options) {
    this.trees = trees;
    this.packs = packs;
    this.options = options;
  }

  /**
   * Restores the contents of tree {@code root} into {@code target}.
   *
   * @param snapshotPath the path of {@code root} inside the snapshot ("/" for the whole
   *     snapshot), against which include and exclude patterns are matched
   * @throws IOException when the target cannot be created or a tree cannot be loaded
   */
  public RestoreResult restore(Id root, Path target, Path snapshotPath) throws IOException {
    if (!Files.isDirectory(target)) {
      // restic creates a missing target directory with mode 0700
      Files.createDirectories(target, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    }
    restored.add(target);
    plan(root, target, snapshotPath, false);
    new ParallelPacks(packs.connections()).run(packUses,
        new PackDownloader(packs, this::completed, errors));
    for (Link link : hardlinks) {
      Files.deleteIfExists(link.path());
      fs.hardlink(link.path(), link.target());
    }
    for (int i = dirs.size() - 1; i >= 0; i--) {
      applyMetadata(dirs.get(i).path(), dirs.get(i).node());
    }
    long deleted = options.delete() ? new TargetCleaner(restored, options).clean(target, snapshotPath) : 0;
    long verified = options.verify() ? new Verifier(packs, errors).verify(files) : 0;
    return new RestoreResult(filesDone.get(), dirs.size(), others, bytes.get(), deleted, verified,
        errors.all());
  }

  /**
   * Plans the children of {@code dir}; {@code fresh} when this restore just created {@code dir},
   * so nothing can be in the way of its children and they are not looked for.
   */
  private void plan(Id treeId, Path dir, Path snapDir, boolean fresh) throws IOException {
    Tree tree = Tree.decode(trees.loadBlob(BlobType.TREE, treeId));
    for (Node n : tree.nodes()) {
      Path name = RawNames.path(n.name());
      Path path = dir.resolve(name);
      Path snap = snapDir.resolve(name);
      boolean isDir = n.type() == NodeType.DIR;
      if (options.excludes().matches(snap)) {
        continue;
      }
      boolean included = options.includes().isEmpty() || options.includes().matches(snap);
      if (!included && !(isDir && options.includes().mayMatchBelow(snap))) {
        continue;
      }
      if (options.delete()) { // only --delete asks what the restore wrote
        restored.add(path);
      }
      try {
        planNode(n, path, snap, fresh);
      } catch (IOException e) {
        errors.add(path, e.getMessage());
      }
    }
  }

  private void planNode(Node n, Path path, Path snap, boolean fresh) throws IOException {
    switch (n.type()) {
      case DIR -> {
        boolean made = fresh || !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (made) {
          deleteExisting(path, fresh);
          fs.mkdir(path);
        }
        if (n.subtree() != null) {
          plan(n.subtree(), path, snap, made);
        }
        dirs.add(new Dir(path, n));
      }
      case FILE -> planFile(n, path, fresh);
      case SYMLINK -> {
        deleteExisting(path, fresh);
        fs.symlink(path, n.linkTarget() == null ? new byte[0] : n.linkTarget());
        applyMetadata(path, n);
        others++;
      }
      case DEV, CHARDEV -> {
        deleteExisting(path, fresh);
        fs.mknod(path, n.type() == NodeType.CHARDEV, n.device(), Node.unixMode(n.mode()) & 07777);
        applyMetadata(path, n);
        others++;
      }
      case FIFO -> {
        deleteExisting(path, fresh);
        fs.mkfifo(path, Node.unixMode(n.mode()) & 07777);
        applyMetadata(path, n);
        others++;
      }
      default -> errors.add(path, "cannot restore node of type " + n.type().json());
    }
  }

  private void planFile(Node n, Path path, boolean fresh) throws IOException {
    if (n.links() > 1) {
      String key = n.deviceId() + ":" + n.inode();
      Path first = firstLink.putIfAbsent(key, path);
      if (first != null) {
        hardlinks.add(new Link(path, first));
        return;
      }
    }
    deleteExisting(path, fresh);
    List<Id> content = n.content() == null ? List.of() : n.content();
    List<PackedBlob> located = new ArrayList<>(content.size());
    long size = 0;
    for (Id id : content) {
      List<PackedBlob> copies = packs.locate(new BlobHandle(id, BlobType.DATA));
      if (copies.isEmpty()) {
        errors.add(path, "blob " + id.hex() + " is not in the index");
        return;
      }
      located.add(copies.get(0));
      size += copies.get(0).plaintextLength();
    }
    FileTarget f = new FileTarget(path, ItemMeta.of(n), options.verify() ? content : null, size,
        located.size(), options.sparse());
    if (options.verify()) { // only --verify reads the files again
      files.add(f);
    }
    if (located.isEmpty()) {
      f.createEmpty();
      completed(f);
      return;
    }
    long offset = 0;
    for (PackedBlob b : located) {
      packUses.computeIfAbsent(b.pack(), p -> new ArrayList<>()).add(new BlobUse(b, f, offset));
      offset += b.plaintextLength();
    }
  }

  private void completed(FileTarget f) {
    try {
      metadata.apply(f.path, f.meta);
      filesDone.incrementAndGet();
      bytes.addAndGet(f.size);
    } catch (IOException e) {
      errors.add(f.path, e.getMessage());
    }
  }

  private void applyMetadata(Path path, Node n) throws IOException {
    metadata.apply(path, n);
  }

  private void deleteExisting(Path path, boolean fresh) throws IOException {
    if (!fresh && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      TargetCleaner.deleteRecursively(path);
    }
  }
}
