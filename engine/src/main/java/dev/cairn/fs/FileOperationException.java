package dev.cairn.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file system operation failed. The message names the operation and the path (rendered with
 * {@link RawNames#display(Path)}, so names that are not valid UTF-8 stay readable and
 * unambiguous) and the reason, for example {@code lstat "/data/a\xffb": no such file or
 * directory}. The JDK exception is kept as the cause.
 */
public final class FileOperationException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final transient Path path;

  /** An exception for {@code operation} on {@code path} caused by {@code cause}. */
  public FileOperationException(String operation, Path path, Throwable cause) {
    super(operation + " " + RawNames.display(path) + ": " + reason(cause), cause);
    this.operation = operation;
    this.path = path;
  }

  /** An exception for {@code operation} on {@code path} with a reason of our own. */
  public FileOperationException(String operation, Path path, String reason) {
    super(operation + " " + RawNames.display(path) + ": " + reason);
    this.operation = operation;
    this.path = path;
  }

  /** The operation that failed, such as {@code lstat} or {@code symlink}. */
  public String operation() {
    return operation;
  }

  /** The path the operation was applied to. */
  public Path path() {
    return path;
  }

  /** True when the file (or a parent directory) did not exist: typical for files that vanish during backup. */
  public boolean isNotFound() {
    return getCause() instanceof NoSuchFileException;
  }

  /** True for EACCES and EPERM. */
  public boolean isPermissionDenied() {
    return isPermission(getCause());
  }

  static boolean isPermission(Throwable e) {
    return e instanceof AccessDeniedException
        || e instanceof FileSystemException f && "Operation not permitted".equals(f.getReason());
  }

  private static String reason(Throwable cause) {
    if (cause instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (cause instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (cause instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
