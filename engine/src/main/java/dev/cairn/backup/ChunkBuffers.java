package dev.cairn.backup;

import dev.cairn.chunker.Chunker;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of chunk-sized buffers shared by file readers and blob workers. Taking blocks
 * when all are in use, which bounds the memory of the backup pipeline whatever the file sizes.
 */
final class ChunkBuffers {
  private final BlockingQueue<byte[]> free;

  ChunkBuffers(int count) {
    free = new ArrayBlockingQueue<>(count);
    for (int i = 0; i < count; i++) {
      free.add(new byte[Chunker.MAX_SIZE]);
    }
  }

  byte[] take() throws InterruptedIOException {
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
