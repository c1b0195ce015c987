package dev.cairn.backup;

import dev.cairn.chunker.Chunker;
import dev.cairn.chunker.Polynomial;
import dev.cairn.core.BlobSaver;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.tree.NodeBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads changed files: a few reader threads chunk files into pooled buffers, blob workers hash
 * and store each chunk. The bounded queues and the buffer pool keep memory flat whatever the
 * number and size of files.
 */
final class FileReaders implements AutoCloseable {
  private final BlobSaver saver;
  private final BackupProgress progress;
  private final BackupStats stats;
  private final ExecutorService readers;
  private final ExecutorService workers;
  private final ChunkBuffers buffers;
  private final ThreadLocal<Chunker> chunkers;

  FileReaders(BlobSaver saver, Polynomial pol, ArchiverOptions options, BackupProgress progress,
      BackupStats stats) {
    this.saver = saver;
    this.progress = progress;
    this.stats = stats;
    int r = Math.max(1, options.readers());
    int w = Math.max(1, options.workers());
    this.readers = pool("cairn-reader", r, 64, new ThreadPoolExecutor.CallerRunsPolicy());
    // Readers wait for a free worker rather than sealing themselves: only workers hold the
    // compression and sealing buffers.
    this.workers = pool("cairn-blob", w, w, FileReaders::waitForRoom);
    this.buffers = new ChunkBuffers(r + 2 * w);
    this.chunkers = ThreadLocal.withInitial(() -> new Chunker(pol));
  }

  /** Reads, chunks and stores a file; completes with its node (size and content set). */
  CompletableFuture<dev.cairn.tree.Node> read(Path path, NodeBuilder b) {
    CompletableFuture<dev.cairn.tree.Node> result = new CompletableFuture<>();
    readers.execute(() -> {
      try {
        readFile(path, b, result);
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result;
  }

  private void readFile(Path path, NodeBuilder b, CompletableFuture<dev.cairn.tree.Node> result)
      throws IOException {
    progress.startFile(path);
    List<CompletableFuture<Id>> parts = new ArrayList<>();
    long size = 0;
    FileChannel ch;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new SourceException(path, e);
    }
    try (ch) {
      Chunker chunker = chunkers.get();
      chunker.reset(ch);
      while (true) {
        byte[] buf = buffers.take();
        int n;
        try {
          n = chunker.next(buf);
        } catch (IOException e) {
          buffers.release(buf);
          throw new SourceException(path, e);
        }
        if (n < 0) {
          buffers.release(buf);
          break;
        }
        size += n;
        parts.add(CompletableFuture.supplyAsync(() -> store(buf, n), workers));
      }
    }
    long total = size;
    stats.bytesRead.addAndGet(total);
    CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((v, ex) -> {
      if (ex != null) {
        result.completeExceptionally(ex);
        return;
      }
      List<Id> content = new ArrayList<>(parts.size());
      for (CompletableFuture<Id> p : parts) {
        content.add(p.join());
      }
      progress.completeItem(path, false, total);
      result.complete(b.size(total).content(content).build());
    });
  }

  private Id store(byte[] buf, int n) {
    try {
      Id id = Id.hash(buf, 0, n);
      saver.saveBlob(BlobType.DATA, id, buf, 0, n);
      progress.addBytes(n);
      return id;
    } catch (IOException e) {
      throw new CompletionException(e);
    } finally {
      buffers.release(buf);
    }
  }

  private static ExecutorService pool(
      String name, int threads, int queue, RejectedExecutionHandler whenFull) {
    return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue), r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        }, whenFull);
  }

  private static void waitForRoom(Runnable task, ThreadPoolExecutor pool) {
    if (pool.isShutdown()) {
      throw new RejectedExecutionException("backup is shutting down");
    }
    try {
      pool.getQueue().put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RejectedExecutionException("interrupted while waiting for a blob worker", e);
    }
  }

  @Override
  public void close() {
    readers.shutdownNow();
    workers.shutdownNow();
  }
}
