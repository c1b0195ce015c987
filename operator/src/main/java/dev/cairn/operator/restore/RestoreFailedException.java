package dev.cairn.operator.restore;

/** A restore step failed, or preflight refused; the message names the step and the object. */
public final class RestoreFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RestoreStep step;

  public RestoreFailedException(RestoreStep step, String message) {
    super(message);
    this.step = step;
  }

  public RestoreFailedException(RestoreStep step, String message, Throwable cause) {
    super(message, cause);
    this.step = step;
  }

  /** The step that failed. */
  public RestoreStep step() {
    return step;
  }
}
