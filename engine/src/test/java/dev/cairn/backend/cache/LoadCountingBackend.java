package dev.cairn.backend.cache;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FilterBackend;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A test double that counts the loads reaching a store, per file, and can slow them down so that
 * concurrent callers overlap.
 */
final class LoadCountingBackend extends FilterBackend {
  private final Map<Handle, AtomicInteger> loads = new ConcurrentHashMap<>();
  private volatile long loadDelayMillis;

  LoadCountingBackend(Backend inner) {
    super(inner);
  }

  /** How many loads (whole or ranged) of {@code h} reached the store. */
  int loads(Handle h) {
    AtomicInteger n = loads.get(h);
    return n == null ? 0 : n.get();
  }

  /** All loads that reached the store. */
  int totalLoads() {
    return loads.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Makes every later load sleep this long first. */
  void delayLoads(long millis) {
    loadDelayMillis = millis;
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    loads.computeIfAbsent(h, k -> new AtomicInteger()).incrementAndGet();
    long delay = loadDelayMillis;
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      }
    }
    return inner.load(h, offset, length);
  }
}
