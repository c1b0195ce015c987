package dev.cairn.backend;

import dev.cairn.core.FileType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A test double that fails the next calls with given exceptions, then passes calls through to
 * its store. A fault is thrown either before the call reaches the store (the request was lost)
 * or after the store did its work (the reply was lost: a save landed, a list reported its names).
 * Counts the calls made to it.
 */
final class FaultyBackend implements Backend {
  /** When a fault is thrown. */
  enum When {
    /** Before the store sees the call. */
    BEFORE,
    /** After the store did the work. */
    AFTER
  }

  private final Backend inner;
  private final Deque<IOException> faults = new ArrayDeque<>();
  private volatile When when = When.BEFORE;
  private final AtomicInteger calls = new AtomicInteger();

  FaultyBackend(Backend inner) {
    this.inner = inner;
  }

  /** Fails the next calls, one per exception, in order. */
  synchronized FaultyBackend failNext(IOException... next) {
    faults.addAll(List.of(next));
    return this;
  }

  /** Fails the next {@code k} calls, each with {@code fault}. */
  FaultyBackend failNext(int k, IOException fault) {
    for (int i = 0; i < k; i++) {
      failNext(fault);
    }
    return this;
  }

  /** Throws faults after the store did the work. */
  FaultyBackend after() {
    when = When.AFTER;
    return this;
  }

  /** Calls made so far (create, save, load, stat, list, remove). */
  int calls() {
    return calls.get();
  }

  private synchronized IOException nextFault() {
    return faults.poll();
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T call(Call<T> c) throws IOException {
    calls.incrementAndGet();
    IOException fault = nextFault();
    if (fault != null && when == When.BEFORE) {
      throw fault;
    }
    T result = c.run();
    if (fault != null) {
      throw fault;
    }
    return result;
  }

  @Override
  public String location() {
    return "faulty:" + inner.location();
  }

  @Override
  public int connections() {
    return inner.connections();
  }

  @Override
  public void create() throws IOException {
    call(() -> {
      inner.create();
      return null;
    });
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    call(() -> {
      inner.save(h, data, off, len);
      return null;
    });
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    return call(() -> inner.load(h, offset, length));
  }

  @Override
  public long stat(Handle h) throws IOException {
    return call(() -> inner.stat(h));
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    call(() -> {
      inner.list(type, fn);
      return null;
    });
  }

  @Override
  public void remove(Handle h) throws IOException {
    call(() -> {
      inner.remove(h);
      return null;
    });
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
