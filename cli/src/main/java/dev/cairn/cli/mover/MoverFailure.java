package dev.cairn.cli.mover;

import dev.cairn.core.CairnException;

/** A mover run that ends with a failure class, a one-line reason and an exit code. */
public final class MoverFailure extends CairnException {
  /** Exit code of a bad command line (an unknown action), as {@code entry.sh}. */
  public static final int USAGE = 2;

  private final Outcome outcome;
  private final int exitCode;

  /** A failure with the class's own exit code. */
  public MoverFailure(Outcome outcome, String message, Throwable cause) {
    super(message, cause);
    this.outcome = outcome;
    this.exitCode = outcome.exitCode();
  }

  /** A failure with an exit code of its own (a usage error). */
  public MoverFailure(Outcome outcome, int exitCode, String message) {
    super(message);
    this.outcome = outcome;
    this.exitCode = exitCode;
  }

  public Outcome outcome() {
    return outcome;
  }

  public int exitCode() {
    return exitCode;
  }
}
