package dev.cairn.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Runs the {@link Backend} contract through {@link LimitedBackend}, and checks the limit. */
class LimitedBackendTest extends BackendContractTest {
  @Override
  protected Backend newBackend(Path tempDir) {
    return new LimitedBackend(new MemBackend());
  }

  @Test
  void takesTheLimitFromTheStore() {
    assertThat(backend.connections()).isEqualTo(2);
    assertThat(new LimitedBackend(new MemBackend(), 5).connections()).isEqualTo(5);
  }

  @Test
  void runsAtMostTheLimitOfCallsAtOnce() throws Exception {
    for (int limit : new int[] {1, 2, 3}) {
      OverlapBackend counting = new OverlapBackend(new MemBackend());
      Backend limited = new LimitedBackend(counting, limit);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < 5; i++) {
              byte[] data = {(byte) thread, (byte) i};
              Handle h = new Handle(FileType.PACK, Id.hash(data).hex());
              limited.save(h, data, 0, data.length);
              limited.load(h);
              limited.stat(h);
              limited.list(FileType.PACK, fi -> {});
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(counting.maxActive.get()).as("limit %d", limit).isEqualTo(limit);
    }
  }

  /** Counts how many calls run at once; each call lingers so that calls overlap. */
  private static final class OverlapBackend extends FilterBackend {
    private final AtomicInteger active = new AtomicInteger();
    final AtomicInteger maxActive = new AtomicInteger();

    OverlapBackend(Backend inner) {
      super(inner);
    }

    private void enter() throws IOException {
      maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    private void leave() {
      active.decrementAndGet();
    }

    @Override
    public void save(Handle h, byte[] data, int off, int len) throws IOException {
      try {
        enter();
        inner.save(h, data, off, len);
      } finally {
        leave();
      }
    }

    @Override
    public byte[] load(Handle h, long offset, int length) throws IOException {
      try {
        enter();
        return inner.load(h, offset, length);
      } finally {
        leave();
      }
    }

    @Override
    public long stat(Handle h) throws IOException {
      try {
        enter();
        return inner.stat(h);
      } finally {
        leave();
      }
    }

    @Override
    public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
      try {
        enter();
        inner.list(type, fn);
      } finally {
        leave();
      }
    }

    @Override
    public void remove(Handle h) throws IOException {
      try {
        enter();
        inner.remove(h);
      } finally {
        leave();
      }
    }
  }
}
