package dev.cairn.backend;

import dev.cairn.core.FileType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Lets at most {@link #connections()} calls into a store run at once, so that callers can start
 * as many workers as they like without overloading it (restic {@code backend/sema}). Each call
 * holds one permit until it returns; {@link #list} holds it while {@code fn} runs, so {@code fn}
 * must not call this backend.
 */
public final class LimitedBackend extends FilterBackend {
  private final int permits;
  private final Semaphore semaphore;

  /** Limits {@code inner} to its own {@link Backend#connections()}. */
  public LimitedBackend(Backend inner) {
    this(inner, inner.connections());
  }

  /** Limits {@code inner} to {@code permits} concurrent calls (a user override). */
  public LimitedBackend(Backend inner, int permits) {
    super(inner);
    if (permits < 1) {
      throw new IllegalArgumentException("need at least 1 connection, got " + permits);
    }
    this.permits = permits;
    this.semaphore = new Semaphore(permits, true);
  }

  @Override
  public int connections() {
    return permits;
  }

  @Override
  public void create() throws IOException {
    acquire();
    try {
      inner.create();
    } finally {
      semaphore.release();
    }
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    acquire();
    try {
      inner.save(h, data, off, len);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    acquire();
    try {
      inner.save(h, src, len);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    acquire();
    try {
      return inner.load(h, offset, length);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    acquire();
    try {
      inner.load(h, offset, dst, dstOff, length);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public long stat(Handle h) throws IOException {
    acquire();
    try {
      return inner.stat(h);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    acquire();
    try {
      inner.list(type, fn);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public void remove(Handle h) throws IOException {
    acquire();
    try {
      inner.remove(h);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public void removeIfPresent(Handle h) throws IOException {
    acquire();
    try {
      inner.removeIfPresent(h);
    } finally {
      semaphore.release();
    }
  }

  @Override
  public String toString() {
    return "limited(" + permits + ", " + inner + ")";
  }

  private void acquire() throws InterruptedIOException {
    try {
      semaphore.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a connection to " + location());
    }
  }
}
