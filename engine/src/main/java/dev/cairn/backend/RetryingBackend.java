package dev.cairn.backend;

import dev.cairn.core.FileType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Retries the calls of a store that fail transiently, with exponential backoff and full jitter
 * ({@link RetryPolicy}); a permanent failure surfaces at once (restic {@code backend/retry}).
 *
 * <p>Transient, see {@link #isTransient}: a {@link BackendException} that says so, and a
 * {@link SocketTimeoutException}, {@link HttpTimeoutException}, {@link ConnectException} or a
 * {@link SocketException} for a reset, aborted or broken connection, thrown or as a cause.
 * Everything else is permanent: {@link java.nio.file.NoSuchFileException},
 * {@link FileAlreadyExistsException}, {@link java.nio.file.AccessDeniedException}, other file
 * system errors (disk full does not clear up in minutes), {@link java.io.EOFException} (the
 * contract's "file is shorter", which no retry changes: a network store must report a truncated
 * response as a transient {@link BackendException} instead), unknown host, and any unchecked
 * exception, which is never caught.
 *
 * <p>Interruption stops at once: a call on an interrupted thread, an interruption while waiting,
 * and an {@link InterruptedIOException} other than a socket timeout end the call with an
 * {@link InterruptedIOException} and the interrupt flag set.
 *
 * <p>{@link #save} is retried as a whole (a name is always saved with the same bytes); when a
 * retry finds the name taken, an earlier attempt landed after all, and the save succeeds if the
 * stored size equals {@code len}. {@link #list} is retried as a whole and hands each name to
 * {@code fn} once, even when a failed attempt reported it already.
 *
 * <p>When retries run out, the last failure is thrown wrapped in a permanent
 * {@link BackendException} whose message names the call and the number of attempts.
 */
public final class RetryingBackend extends FilterBackend {
  /** Told about each retry, e.g. to print restic's "returned error, retrying after" warning. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param operation the call: {@code Save}, {@code Load}, {@code Stat}, {@code List},
     *     {@code Remove} or {@code Create}
     * @param what its arguments as restic prints them, e.g. {@code <data/0123456789>, 0, 0}
     * @param attempt the attempt that failed, from 1
     * @param wait how long until the next attempt
     * @param cause the failure
     */
    void retrying(String operation, String what, int attempt, Duration wait, IOException cause);
  }

  private interface Call<T> {
    T run(int attempt) throws IOException;
  }

  private final RetryPolicy policy;
  private final Listener listener;

  /** Retries {@code inner} with {@link RetryPolicy#DEFAULT}, silently. */
  public RetryingBackend(Backend inner) {
    this(inner, RetryPolicy.DEFAULT, null);
  }

  /** Retries {@code inner} with {@code policy}, telling {@code listener} (may be null). */
  public RetryingBackend(Backend inner, RetryPolicy policy, Listener listener) {
    super(inner);
    this.policy = policy;
    this.listener = listener == null ? (op, what, attempt, wait, cause) -> {} : listener;
  }

  /** Whether a failure may go away when the same request is made again (see the class doc). */
  public static boolean isTransient(IOException e) {
    if (e instanceof BackendException b) {
      return b.transientFailure();
    }
    int depth = 0;
    for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof BackendException b) {
        return b.transientFailure();
      }
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SocketException && brokenConnection(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static boolean brokenConnection(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("reset") || m.contains("broken pipe") || m.contains("abort");
  }

  private static boolean interruption(IOException e) {
    return (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException))
        || e instanceof ClosedByInterruptException;
  }

  @Override
  public void create() throws IOException {
    retry("Create", "", attempt -> {
      inner.create();
      return null;
    });
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    retry("Save", describe(h), attempt -> {
      try {
        inner.save(h, data, off, len);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 1 || inner.stat(h) != len) {
          throw e;
        }
      }
      return null;
    });
  }

  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    retry("Save", describe(h), attempt -> {
      try {
        inner.save(h, src, len);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 1 || inner.stat(h) != len) {
          throw e;
        }
      }
      return null;
    });
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    return retry("Load", describe(h) + ", " + length + ", " + offset,
        attempt -> inner.load(h, offset, length));
  }

  @Override
  public void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    retry("Load", describe(h) + ", " + length + ", " + offset, attempt -> {
      inner.load(h, offset, dst, dstOff, length);
      return null;
    });
  }

  @Override
  public long stat(Handle h) throws IOException {
    return retry("Stat", describe(h), attempt -> inner.stat(h));
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    retry("List", type.dir(), attempt -> {
      inner.list(type, fi -> {
        if (seen.add(fi.name())) {
          fn.accept(fi);
        }
      });
      return null;
    });
  }

  @Override
  public void remove(Handle h) throws IOException {
    retry("Remove", describe(h), attempt -> {
      inner.remove(h);
      return null;
    });
  }

  @Override
  public void removeIfPresent(Handle h) throws IOException {
    retry("Remove", describe(h), attempt -> {
      inner.removeIfPresent(h);
      return null;
    });
  }

  @Override
  public String toString() {
    return "retrying(" + inner + ")";
  }

  private <T> T retry(String operation, String what, Call<T> call) throws IOException {
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(operation, what, null);
      }
      IOException failure;
      try {
        return call.run(attempt);
      } catch (IOException e) {
        failure = e;
      }
      if (interruption(failure)) {
        Thread.currentThread().interrupt();
        throw failure;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(operation, what, failure);
      }
      if (!isTransient(failure)) {
        throw failure;
      }
      if (attempt >= policy.maxAttempts()) {
        throw exhausted(operation, what, attempt, started, failure);
      }
      Duration wait = policy.delay(attempt, ThreadLocalRandom.current());
      Duration spent = Duration.ofNanos(System.nanoTime() - started);
      if (spent.plus(wait).compareTo(policy.maxElapsed()) > 0) {
        throw exhausted(operation, what, attempt, started, failure);
      }
      listener.retrying(operation, what, attempt, wait, failure);
      try {
        Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(operation, what, failure);
      }
    }
  }

  private InterruptedIOException interrupted(String operation, String what, IOException last) {
    InterruptedIOException e = new InterruptedIOException(
        operation + "(" + what + ") interrupted, not retrying: " + inner.location());
    if (last != null) {
      e.initCause(last);
    }
    return e;
  }

  private static BackendException exhausted(String operation, String what, int attempts,
      long started, IOException last) {
    long ms = (System.nanoTime() - started) / 1_000_000;
    return new BackendException(operation + "(" + what + ") failed after " + attempts
        + (attempts == 1 ? " attempt" : " attempts") + " in " + ms + " ms: " + last.getMessage(),
        last, false);
  }

  /** A handle as restic prints it: {@code <data/0123456789>}, the name cut to 10 digits. */
  static String describe(Handle h) {
    if (h.type() == FileType.CONFIG) {
      return "<config>";
    }
    String name = h.name().length() > 10 ? h.name().substring(0, 10) : h.name();
    return "<" + h.type().dir() + "/" + name + ">";
  }
}
