package dev.cairn.backup;

import dev.cairn.chunker.Chunker;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of chunk-sized buffers shared by file readers and blob workers. Taking blocks
 * when all are in use, which bounds the memory of the backup pipeline whatever the file sizes.
 * Buffers are made on first need, so a backup that reads few files (nothing changed) never
 * allocates them all.
 */
final class ChunkBuffers {
  private final BlockingQueue<byte[]> free;
  private final AtomicInteger unmade;

  ChunkBuffers(int count) {
    free = new ArrayBlockingQueue<>(count);
    unmade = new AtomicInteger(count);
  }

  byte[] take() throws InterruptedIOException {
    byte[] b = free.poll();
    if (b != null) {
      return b;
    }
    if (unmade.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new byte[Chunker.MAX_SIZE];
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a chunk buffer");
    }
  }

  void release(byte[] buf) {
    free.add(buf);
  }
}
