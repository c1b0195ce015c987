package dev.cairn.repository;

import dev.cairn.core.CairnException;

/** There is no repository at the given location (restic exit code 10). */
public class NoRepositoryException extends CairnException {
  public NoRepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
