package dev.cairn.operator.restore;

/**
 * Called before each step of a restore; a hook that throws fails that step, and the restore
 * rolls back as for any other failure (tests inject faults this way).
 */
@FunctionalInterface
public interface StepHook {
  /** No hook. */
  StepHook NONE = step -> {};

  /** Runs before {@code step}. */
  void before(RestoreStep step);
}
