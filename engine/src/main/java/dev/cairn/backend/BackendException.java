package dev.cairn.backend;

import java.io.IOException;

/**
 * A failure of a store that says whether retrying the same request may succeed: transient for
 * timeouts, throttling (HTTP 429, 503 SlowDown) and server errors (5xx); permanent for refused
 * credentials, bad requests and the like. {@link RetryingBackend} retries only transient ones.
 */
public class BackendException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /**
   * @param message what failed, naming the file and the store
   * @param cause the underlying failure, or {@code null}
   * @param transientFailure whether the same request may succeed when tried again
   */
  public BackendException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether the same request may succeed when tried again. */
  public boolean transientFailure() {
    return transientFailure;
  }
}
