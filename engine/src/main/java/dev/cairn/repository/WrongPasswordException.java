package dev.cairn.repository;

import dev.cairn.core.CairnException;

/** No key file of the repository opens with the given password (restic exit code 12). */
public class WrongPasswordException extends CairnException {
  public WrongPasswordException(String message) {
    super(message);
  }
}
