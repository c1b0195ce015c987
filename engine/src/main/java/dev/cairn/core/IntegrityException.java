package dev.cairn.core;

/** Stored bytes failed a check: a MAC, a hash, a length or a format rule. */
public class IntegrityException extends CairnException {
  public IntegrityException(String message) {
    super(message);
  }

  public IntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
