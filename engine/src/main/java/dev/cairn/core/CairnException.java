package dev.cairn.core;

/**
 * Base of the engine's own failures. The message names what failed and which object; the cause
 * is kept. The command line maps subclasses to restic's exit codes in one place.
 */
public class CairnException extends RuntimeException {
  public CairnException(String message) {
    super(message);
  }

  public CairnException(String message, Throwable cause) {
    super(message, cause);
  }
}
