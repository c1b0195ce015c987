package dev.cairn.tree;

import dev.cairn.core.BlobLoader;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.Id;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads every tree reachable from a set of root trees, each once, on several threads (tree
 * loading is latency-bound on remote stores). Used by prune to find the blobs still in use.
 */
public final class TreeWalker {
  /** Receives each tree once; called from several threads at once. */
  @FunctionalInterface
  public interface Visitor {
    void visit(Id id, Tree tree) throws IOException;
  }

  private final BlobLoader loader;
  private final int threads;

  public TreeWalker(BlobLoader loader, int threads) {
    this.loader = loader;
    this.threads = Math.max(1, threads);
  }

  /**
   * Visits every tree below {@code roots} (the roots included).
   *
   * @throws IOException the first failure to load or decode a tree, naming it
   */
  public void walk(Collection<Id> roots, Visitor visitor) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cairn-tree-walk");
      t.setDaemon(true);
      return t;
    });
    Walk walk = new Walk(pool, visitor);
    try {
      roots.forEach(walk::submit);
      walk.await();
    } finally {
      pool.shutdownNow();
    }
    Throwable t = walk.failure.get();
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t != null) {
      throw new CairnException("tree walk failed: " + t, t);
    }
  }

  /** The state of one walk: trees seen, loads pending, the first failure. */
  private final class Walk {
    private final ExecutorService pool;
    private final Visitor visitor;
    private final Set<Id> seen = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int pending;

    Walk(ExecutorService pool, Visitor visitor) {
      this.pool = pool;
      this.visitor = visitor;
    }

    void submit(Id id) {
      if (seen.add(id)) {
        synchronized (this) {
          pending++;
        }
        pool.execute(() -> load(id));
      }
    }

    private void load(Id id) {
      try {
        if (failure.get() == null) {
          Tree tree;
          try {
            tree = Tree.decode(loader.loadBlob(BlobType.TREE, id));
          } catch (IOException | RuntimeException e) {
            throw new CairnException("unable to load tree " + id.hex() + ": " + e.getMessage(), e);
          }
          visitor.visit(id, tree);
          for (Node n : tree.nodes()) {
            if (n.type() == NodeType.DIR && n.subtree() != null) {
              submit(n.subtree());
            }
          }
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        synchronized (this) {
          if (--pending == 0) {
            notifyAll();
          }
        }
      }
    }

    synchronized void await() throws InterruptedIOException {
      try {
        while (pending > 0) {
          wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while walking trees");
      }
    }
  }
}
