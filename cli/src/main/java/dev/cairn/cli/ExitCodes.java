package dev.cairn.cli;

import dev.cairn.repository.LockConflictException;
import dev.cairn.repository.NoRepositoryException;
import dev.cairn.repository.WrongPasswordException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/** restic's exit codes, and the one place where failures are mapped to them. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FATAL = 1;
  /** Backup finished, but some source files could not be read; the snapshot was saved. */
  public static final int PARTIAL = 3;
  public static final int NO_REPOSITORY = 10;
  public static final int LOCK_FAILED = 11;
  public static final int WRONG_PASSWORD = 12;
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code for a failure that ended a command. */
  public static int of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NoRepositoryException) {
        return NO_REPOSITORY;
      }
      if (c instanceof LockConflictException) {
        return LOCK_FAILED;
      }
      if (c instanceof WrongPasswordException) {
        return WRONG_PASSWORD;
      }
      if (c instanceof InterruptedException
          || (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException))) {
        return INTERRUPTED;
      }
    }
    return FATAL;
  }
}
