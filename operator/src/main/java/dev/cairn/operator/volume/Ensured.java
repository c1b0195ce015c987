package dev.cairn.operator.volume;

/**
 * The answer of an idempotent ensure step: ready with a value, or not yet (with what it waits
 * for, for the status and the log).
 */
public sealed interface Ensured<T> {
  /** Ready: {@code value} can be used. */
  record Ready<T>(T value) implements Ensured<T> {}

  /** Not yet: try again later. */
  record Waiting<T>(String reason) implements Ensured<T> {}

  static <T> Ensured<T> ready(T value) {
    return new Ready<>(value);
  }

  static <T> Ensured<T> waiting(String reason) {
    return new Waiting<>(reason);
  }
}
