package dev.cairn.backend;

import java.io.IOException;

/**
 * A store failure that says whether trying again may help: {@link #transientFailure()} is true
 * for timeouts, refused or reset connections, server errors (5xx), throttling (429, SlowDown);
 * false for failures that repeat on every attempt (403, 404, bad credentials, a missing bucket).
 * A retry decorator retries only transient failures.
 */
public class BackendException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /**
   * A failure described by {@code message} (naming the store and file), caused by {@code cause}
   * (may be null).
   */
  public BackendException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether the same request may succeed when tried again later. */
  public boolean transientFailure() {
    return transientFailure;
  }
}
