package dev.cairn.backup;

import dev.cairn.chunker.Polynomial;
import dev.cairn.core.BlobLoader;
import dev.cairn.core.BlobSaver;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.fs.FileScanner;
import dev.cairn.fs.FileStat;
import dev.cairn.fs.RawNames;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeBuilder;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Backs up target paths into trees and blobs. The calling thread walks the file system; changed
 * files go to {@link FileReaders}, whose chunks are hashed and stored by blob workers; each
 * directory's tree is encoded and stored once all its children are done. Unchanged files reuse
 * the parent snapshot's content list without being opened.
 */
public final class Archiver {
  private final BlobSaver saver;
  private final BlobLoader loader;
  private final FileScanner scanner;
  private final NodeFactory nodes;
  private final ArchiverOptions options;
  private final BackupProgress progress;
  private final BackupStats stats = new BackupStats();
  private final List<SourceError> errors = Collections.synchronizedList(new ArrayList<>());

  public Archiver(
      BlobSaver saver,
      BlobLoader loader,
      FileScanner scanner,
      ArchiverOptions options,
      BackupProgress progress) {
    this.saver = saver;
    this.loader = loader;
    this.scanner = scanner;
    this.nodes = new NodeFactory(scanner, ZoneId.systemDefault());
    this.options = options;
    this.progress = progress;
  }

  /**
   * Backs up {@code targets}, comparing with the tree of the parent snapshot when given.
   *
   * @param parentTree root tree of the parent snapshot, or null to read every file
   * @throws IOException when the repository fails; unreadable source items are recorded as
   *     errors in the result instead
   */
  public ArchiveResult archive(List<Path> targets, Id parentTree, Polynomial pol)
      throws IOException {
    List<String> paths = new ArrayList<>();
    List<Path> existing = new ArrayList<>();
    for (Path t : targets) {
      Path abs = t.toAbsolutePath().normalize();
      try {
        scanner.lstat(abs);
        existing.add(t);
        paths.add(abs.toString());
      } catch (IOException e) {
        error(abs, "scan", e);
      }
    }
    if (existing.isEmpty()) {
      throw new IOException("all backup targets are missing or unreadable: " + targets);
    }
    return archiveLevel(Targets.arrange(existing), paths, parentTree, pol);
  }

  /**
   * Backs up the contents of {@code dir} as the root of the snapshot, as restic's {@code backup
   * .} run in {@code dir} does: each entry (unless excluded) is a node of the root tree, and the
   * snapshot's path is {@code recordedPath} whatever {@code dir} is. So a volume mounted anywhere
   * gives the tree that restic gives for it mounted at {@code recordedPath}.
   *
   * @param parentTree root tree of the parent snapshot, or null to read every file
   * @throws IOException when {@code dir} cannot be listed or the repository fails
   */
  public ArchiveResult archiveContents(Path dir, String recordedPath, Id parentTree,
      Polynomial pol) throws IOException {
    List<Path> entries = new ArrayList<>();
    for (Path e : scanner.list(dir)) {
      if (!options.excludes().matches(e.toAbsolutePath())) {
        entries.add(e);
      }
    }
    return archiveLevel(Targets.contents(entries), List.of(recordedPath), parentTree, pol);
  }

  private ArchiveResult archiveLevel(Targets.Level root, List<String> paths, Id parentTree,
      Polynomial pol) throws IOException {
    try (FileReaders readers = new FileReaders(saver, pol, options, progress, stats)) {
      Tree parent = parentTree == null ? null : loadTree(parentTree);
      CompletableFuture<Id> rootTree = saveLevel(root, parent, readers);
      return new ArchiveResult(join(rootTree), paths, stats, List.copyOf(errors));
    }
  }

  private CompletableFuture<Id> saveLevel(Targets.Level level, Tree parent, FileReaders readers)
      throws IOException {
    List<CompletableFuture<Node>> children = new ArrayList<>();
    for (var e : level.children.entrySet()) {
      byte[] name = e.getKey();
      Targets.Level child = e.getValue();
      Node old = parent == null ? null : parent.find(name);
      FileStat st;
      try {
        st = scanner.lstat(child.source);
      } catch (IOException ex) {
        error(child.source, "scan", ex);
        continue;
      }
      if (child.target) {
        children.add(saveItem(name, child.source, st, old, readers, st.dev()));
      } else {
        NodeBuilder b = nodes.fromStat(name, child.source, st, errors);
        Tree oldTree = subtreeOf(old);
        children.add(saveLevel(child, oldTree, readers)
            .thenApply(id -> finishDir(b, id, old)));
      }
    }
    return storeTree(children);
  }

  private CompletableFuture<Node> saveItem(
      byte[] name, Path path, FileStat st, Node old, FileReaders readers, long rootDev)
      throws IOException {
    NodeBuilder b = nodes.fromStat(name, path, st, errors);
    if (b == null) {
      return CompletableFuture.completedFuture(null); // socket: restic skips it
    }
    return switch (st.kind()) {
      case DIRECTORY -> saveDir(b, path, st, old, readers, rootDev);
      case REGULAR -> saveFile(b, path, st, old, readers);
      default -> {
        progress.completeItem(path, false, 0);
        yield CompletableFuture.completedFuture(b.build());
      }
    };
  }

  private CompletableFuture<Node> saveDir(
      NodeBuilder b, Path dir, FileStat st, Node old, FileReaders readers, long rootDev)
      throws IOException {
    List<Path> entries;
    try {
      entries = scanner.list(dir);
    } catch (IOException e) {
      error(dir, "scan", e);
      entries = List.of();
    }
    Tree oldTree = subtreeOf(old);
    List<CompletableFuture<Node>> children = new ArrayList<>(entries.size());
    for (Path p : entries) {
      if (options.excludes().matches(p.toAbsolutePath())) {
        continue;
      }
      FileStat cst;
      try {
        cst = scanner.lstat(p);
      } catch (IOException e) {
        error(p, "scan", e);
        continue;
      }
      if (options.oneFileSystem() && cst.kind() == FileStat.Kind.DIRECTORY && cst.dev() != rootDev) {
        continue;
      }
      byte[] name = RawNames.name(p);
      Node cold = oldTree == null ? null : oldTree.find(name);
      children.add(saveItem(name, p, cst, cold, readers, rootDev));
    }
    return storeTree(children).thenApply(id -> {
      progress.completeItem(dir, true, 0);
      return finishDir(b, id, old);
    });
  }

  private CompletableFuture<Node> saveFile(
      NodeBuilder b, Path path, FileStat st, Node old, FileReaders readers) throws IOException {
    stats.bytesProcessed.addAndGet(st.size());
    if (old != null && unchanged(st, old)) {
      stats.filesUnmodified.incrementAndGet();
      progress.addBytes(st.size());
      progress.completeItem(path, false, st.size());
      return CompletableFuture.completedFuture(b.content(old.content()).build());
    }
    (old == null ? stats.filesNew : stats.filesChanged).incrementAndGet();
    return readers.read(path, b).exceptionally(ex -> {
      Exception cause = unwrap(ex);
      if (!(cause instanceof SourceException)) {
        throw ex instanceof CompletionException ce ? ce : new CompletionException(cause);
      }
      error(path, "archival", cause.getCause() instanceof Exception c ? c : cause);
      return null;
    });
  }

  /** restic's change test: same type, size, mtime, ctime and inode, and all content known. */
  private boolean unchanged(FileStat st, Node old) {
    if (old.type() != NodeType.FILE || old.size() != st.size() || old.content() == null) {
      return false;
    }
    if (!old.mtime().toInstant().equals(st.mtime())
        || (!options.ignoreCtime() && !old.ctime().toInstant().equals(st.ctime()))
        || (!options.ignoreInode() && old.inode() != st.ino())) {
      return false;
    }
    for (Id id : old.content()) {
      if (!saver.hasBlob(BlobType.DATA, id)) {
        progress.warning("parent snapshot refers to missing blob " + id.shortHex() + ", re-reading");
        return false;
      }
    }
    return true;
  }

  /**
   * The directory's node, counted as restic counts it: new without a previous directory node,
   * unmodified only when the whole node (metadata and subtree) equals the previous one, else
   * changed; so a directory whose mtime or ctime alone moved is changed.
   */
  private Node finishDir(NodeBuilder b, Id subtree, Node old) {
    Node node = b.subtree(subtree).build();
    if (old == null || old.type() != NodeType.DIR) {
      stats.dirsNew.incrementAndGet();
    } else if (node.equals(old)) {
      stats.dirsUnmodified.incrementAndGet();
    } else {
      stats.dirsChanged.incrementAndGet();
    }
    return node;
  }

  private CompletableFuture<Id> storeTree(List<CompletableFuture<Node>> children) {
    return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
        .thenApply(v -> {
          List<Node> list = new ArrayList<>(children.size());
          for (CompletableFuture<Node> f : children) {
            Node n = f.join();
            if (n != null) {
              list.add(n);
            }
          }
          byte[] json = Tree.of(list).encode();
          Id id = Id.hash(json);
          try {
            saver.saveBlob(BlobType.TREE, id, json, 0, json.length);
          } catch (IOException e) {
            throw new CompletionException(e);
          }
          return id;
        });
  }

  private Tree subtreeOf(Node old) throws IOException {
    if (old == null || old.type() != NodeType.DIR || old.subtree() == null) {
      return null;
    }
    return loadTree(old.subtree());
  }

  private Tree loadTree(Id id) throws IOException {
    return Tree.decode(loader.loadBlob(BlobType.TREE, id));
  }

  private void error(Path path, String during, Exception e) {
    stats.errors.incrementAndGet();
    errors.add(SourceError.of(path, e));
    progress.error(path, during, e);
  }

  private static Exception unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof Exception e ? e : new RuntimeException(t);
  }

  private static <T> T join(CompletableFuture<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("backup interrupted");
    } catch (ExecutionException e) {
      Exception c = unwrap(e);
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c);
    }
  }
}
