package dev.cairn.restore;

import dev.cairn.core.Id;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one {@link PackDownloader} job per pack on a fixed number of threads, in first-use order. */
final class ParallelPacks {
  private final int threads;

  ParallelPacks(int threads) {
    this.threads = Math.max(1, threads);
  }

  void run(Map<Id, List<BlobUse>> jobs, PackDownloader downloader) throws IOException {
    if (jobs.isEmpty()) {
      return;
    }
    Iterator<Map.Entry<Id, List<BlobUse>>> it = jobs.entrySet().iterator();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cairn-restore");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        running.add(pool.submit(() -> {
          while (true) {
            Map.Entry<Id, List<BlobUse>> job;
            synchronized (it) {
              if (!it.hasNext()) {
                return;
              }
              job = it.next();
            }
            downloader.download(job.getKey(), job.getValue());
          }
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("restore interrupted");
    } catch (ExecutionException e) {
      throw new IOException("restore worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
