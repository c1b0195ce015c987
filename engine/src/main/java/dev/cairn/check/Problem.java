package dev.cairn.check;

/** One finding of a {@link Checker}; the message names the pack, index, snapshot or blob. */
public record Problem(Kind kind, String message) {
  /** Errors make a check fail; warnings (an unreferenced pack) do not. */
  public enum Kind {
    ERROR,
    WARNING
  }

  static Problem error(String message) {
    return new Problem(Kind.ERROR, message);
  }

  static Problem warning(String message) {
    return new Problem(Kind.WARNING, message);
  }

  public boolean isError() {
    return kind == Kind.ERROR;
  }

  @Override
  public String toString() {
    return (kind == Kind.ERROR ? "error: " : "warning: ") + message;
  }
}
