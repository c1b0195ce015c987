package dev.cairn.cli.mover;

import dev.cairn.backend.BackendException;
import dev.cairn.repository.LockConflictException;
import dev.cairn.repository.NoRepositoryException;
import dev.cairn.repository.WrongPasswordException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/** The one place where a failure of a mover run becomes an {@link Outcome} and a reason. */
public final class Classifier {
  /** Longest reason kept: the result must fit a termination message with room to spare. */
  static final int MAX_REASON = 400;

  private Classifier() {}

  /** The class and one-line reason of {@code t}; a {@link MoverFailure} stays as it is. */
  public static MoverFailure classify(Throwable t) {
    if (t instanceof MoverFailure f) {
      return f;
    }
    Outcome outcome = Outcome.FAILED;
    for (Throwable c = t; c != null; c = c.getCause()) {
      Outcome o = classOf(c);
      if (o != null) {
        outcome = o;
        break;
      }
    }
    return new MoverFailure(outcome, reason(t), t);
  }

  private static Outcome classOf(Throwable c) {
    if (c instanceof WrongPasswordException) {
      return Outcome.WRONG_PASSWORD;
    }
    if (c instanceof NoRepositoryException) {
      return Outcome.NO_REPOSITORY;
    }
    if (c instanceof LockConflictException) {
      return Outcome.LOCKED;
    }
    if (c instanceof BackendException || c instanceof UnknownHostException
        || c instanceof ConnectException || c instanceof HttpTimeoutException
        || c instanceof SSLException) {
      return Outcome.UNREACHABLE;
    }
    return null;
  }

  /** The message's first line (a lock conflict: its first two), shortened to fit. */
  static String reason(Throwable t) {
    String m = t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
    String[] lines = m.strip().split("\n");
    String r = lines[0];
    if (t instanceof LockConflictException && lines.length > 1) {
      r = r + "; " + lines[1];
    }
    return oneLine(r);
  }

  /** {@code s} on one line, at most {@link #MAX_REASON} characters. */
  static String oneLine(String s) {
    String r = s.replace('\n', ' ').replace('\r', ' ').strip();
    return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON - 1) + "…";
  }
}
