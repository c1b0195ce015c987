package dev.cairn.backend;

import java.io.IOException;

/** A store failure that says whether trying again may succeed. */
public class BackendException extends IOException {
  private final boolean transientFailure;

  /**
   * A failure; {@code transientFailure} is true for timeouts, connection resets, server errors
   * (5xx) and throttling (429), false for failures that repeat (401, 403, 404, other 4xx).
   */
  public BackendException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether trying again may succeed. */
  public boolean transientFailure() {
    return transientFailure;
  }
}
