package dev.cairn.backup;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * A problem with one source item: it (or part of its metadata) could not be read, and the
 * snapshot was saved without it.
 *
 * @param path the item, as the file system names it
 * @param message what went wrong, e.g. {@code permission denied}
 */
public record SourceError(String path, String message) {
  /** The error for {@code e} on {@code path}, with the JDK's terse messages spelled out. */
  static SourceError of(Object path, Exception e) {
    Throwable c = e instanceof SourceException && e.getCause() != null ? e.getCause() : e;
    String why;
    if (c instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (c instanceof NoSuchFileException) {
      why = "no such file or directory";
    } else {
      why = c.getMessage() == null ? c.toString() : c.getMessage();
    }
    return new SourceError(path.toString(), why);
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
