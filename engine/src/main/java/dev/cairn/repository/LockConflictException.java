package dev.cairn.repository;

import dev.cairn.core.CairnException;

/** Another process holds a conflicting lock (restic exit code 11). */
public class LockConflictException extends CairnException {
  public LockConflictException(String message) {
    super(message);
  }
}
