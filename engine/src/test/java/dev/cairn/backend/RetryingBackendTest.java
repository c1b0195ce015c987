package dev.cairn.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Runs the {@link Backend} contract through {@link RetryingBackend}, and checks the retries. */
class RetryingBackendTest extends BackendContractTest {
  /** Waits of at most a few milliseconds, so that tests are fast. */
  static final RetryPolicy TINY = new RetryPolicy(5, Duration.ofMillis(1), 2.0,
      Duration.ofMillis(5), Duration.ofSeconds(10));

  private final MemBackend mem = new MemBackend();
  private final FaultyBackend faulty = new FaultyBackend(mem);
  private final List<String> retries = Collections.synchronizedList(new ArrayList<>());
  private final RetryingBackend retrying = new RetryingBackend(faulty, TINY,
      (op, what, attempt, wait, cause) -> retries.add(op + "(" + what + ") #" + attempt + ": "
          + cause.getMessage()));

  @Override
  protected Backend newBackend(Path tempDir) {
    return new RetryingBackend(new MemBackend(), TINY, null);
  }

  private Handle stored(byte[] data) throws IOException {
    Handle h = new Handle(FileType.PACK, Id.hash(data).hex());
    mem.save(h, data, 0, data.length);
    return h;
  }

  @Test
  void transientFailuresAreRetried() throws Exception {
    Handle h = stored(bytes(100));
    List<IOException> kinds = List.of(new SocketTimeoutException("read timed out"),
        new ConnectException("Connection refused"), new HttpTimeoutException("request timed out"),
        new SocketException("Connection reset"), new SocketException("Broken pipe"),
        new BackendException("503 SlowDown", null, true),
        new IOException("wrapped", new SocketException("Connection reset by peer")));
    for (IOException fault : kinds) {
      int before = faulty.calls();
      faulty.failNext(2, fault);
      assertThat(retrying.load(h, 10, 20)).as("%s", fault).hasSize(20);
      assertThat(faulty.calls() - before).as("%s", fault).isEqualTo(3);
    }
    assertThat(retries).hasSize(2 * kinds.size());
    assertThat(retries.get(0))
        .isEqualTo("Load(<data/" + h.name().substring(0, 10) + ">, 20, 10) #1: read timed out");
    assertThat(retries.get(1)).contains("#2");
  }

  @Test
  void permanentFailuresSurfaceAtOnce() throws Exception {
    Handle h = stored(bytes(100));
    List<IOException> kinds = List.of(new NoSuchFileException("data/x"),
        new AccessDeniedException("data/x"), new FileAlreadyExistsException("data/x"),
        new BackendException("403 Forbidden", null, false), new EOFException("short"),
        new FileSystemException("data/x: No space left on device"),
        new IOException("unknown"), new SocketException("Network is unreachable"));
    for (IOException fault : kinds) {
      int before = faulty.calls();
      faulty.failNext(fault);
      assertThatThrownBy(() -> retrying.load(h)).as("%s", fault).isSameAs(fault);
      assertThat(faulty.calls() - before).as("%s", fault).isEqualTo(1);
    }
    assertThat(retries).isEmpty();
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheLastError() throws Exception {
    Handle h = stored(bytes(10));
    IOException last = new SocketTimeoutException("timeout 5");
    faulty.failNext(new SocketTimeoutException("timeout 1"), new SocketTimeoutException("2"),
        new SocketTimeoutException("3"), new SocketTimeoutException("4"), last);
    assertThatThrownBy(() -> retrying.stat(h))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("Stat(<")
        .hasMessageContaining("failed after 5 attempts")
        .hasMessageContaining("timeout 5")
        .hasCause(last)
        .satisfies(e -> assertThat(((BackendException) e).transientFailure()).isFalse());
    assertThat(faulty.calls()).isEqualTo(5);
    assertThat(retries).hasSize(4);
  }

  @Test
  void aPermanentFailureAfterRetriesSurfacesAsItIs() throws Exception {
    Handle h = new Handle(FileType.PACK, Id.hash(new byte[] {1}).hex());
    faulty.failNext(new ConnectException("refused"));
    assertThatThrownBy(() -> retrying.load(h)).isInstanceOf(NoSuchFileException.class);
    assertThat(faulty.calls()).isEqualTo(2);
  }

  @Test
  void saveThatLandedBeforeItsReplyWasLostSucceeds() throws Exception {
    byte[] data = bytes(1000);
    Handle h = new Handle(FileType.PACK, Id.hash(data).hex());
    faulty.after().failNext(new SocketException("Connection reset"));
    retrying.save(h, data, 0, data.length);
    assertThat(mem.load(h)).isEqualTo(data);
    assertThat(faulty.calls()).isEqualTo(3); // save (landed), save (exists), stat
  }

  @Test
  void saveRetryFindingAnotherSizeUnderItsNameFails() throws Exception {
    byte[] data = bytes(1000);
    Handle h = new Handle(FileType.PACK, Id.hash(data).hex());
    mem.save(h, data, 0, 999);
    faulty.failNext(new SocketException("Connection reset"));
    assertThatThrownBy(() -> retrying.save(h, data, 0, data.length))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(mem.stat(h)).isEqualTo(999);
  }

  @Test
  void listRetriedAfterPartialResultsReportsEachNameOnce() throws Exception {
    List<String> want = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      want.add(stored(bytes(10 + i)).name());
    }
    faulty.after().failNext(new BackendException("500 Internal Server Error", null, true));
    List<String> got = new ArrayList<>();
    retrying.list(FileType.PACK, fi -> got.add(fi.name()));
    assertThat(got).hasSize(5).containsExactlyInAnyOrderElementsOf(want);
    assertThat(faulty.calls()).isEqualTo(2);
  }

  @Test
  void interruptionStopsRetryingAtOnce() throws Exception {
    RetryPolicy slow = new RetryPolicy(100, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(30),
        Duration.ofMinutes(15));
    CountDownLatch waiting = new CountDownLatch(1);
    Backend b = new RetryingBackend(faulty, slow, (op, what, attempt, wait, cause) -> {
      if (wait.toMillis() > 0) {
        waiting.countDown();
      }
    });
    Handle h = stored(bytes(10));
    faulty.failNext(100, new SocketTimeoutException("timeout"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        b.load(h);
      } catch (Throwable e) {
        thrown.set(e);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    t.interrupt();
    t.join(5000);
    assertThat(t.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class)
        .hasMessageContaining("interrupted");
    assertThat(flag.get()).isTrue();
  }

  @Test
  void interruptedThreadMakesNoCallAndInterruptionIsNotRetried() throws Exception {
    Handle h = stored(bytes(10));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> retrying.load(h)).isInstanceOf(InterruptedIOException.class);
      assertThat(faulty.calls()).isZero();
    } finally {
      Thread.interrupted();
    }
    faulty.failNext(new InterruptedIOException("interrupted in read"));
    assertThatThrownBy(() -> retrying.load(h)).isInstanceOf(InterruptedIOException.class)
        .hasMessage("interrupted in read");
    assertThat(faulty.calls()).isEqualTo(1);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void totalTimeIsBounded() throws Exception {
    RetryPolicy budget = new RetryPolicy(1_000_000, Duration.ofMillis(1), 2.0,
        Duration.ofMillis(20), Duration.ofMillis(300));
    Backend b = new RetryingBackend(faulty, budget, null);
    Handle h = stored(bytes(10));
    faulty.failNext(100_000, new BackendException("503", null, true));
    long start = System.nanoTime();
    assertThatThrownBy(() -> b.stat(h)).isInstanceOf(BackendException.class)
        .hasMessageContaining("failed after");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(faulty.calls()).isGreaterThan(5);
  }

  @Test
  void policyBacksOffExponentiallyUpToTheCap() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.bound(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.bound(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.bound(4)).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.bound(9)).isEqualTo(Duration.ofSeconds(30));
    java.util.Random r = new java.util.Random(1);
    for (int i = 1; i < 200; i++) {
      assertThat(p.delay(i % 12 + 1, r)).isBetween(Duration.ZERO, p.bound(i % 12 + 1));
    }
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
