package dev.cairn.operation;

/** Follows a forget and the prune that may follow it. Every method has an empty default. */
public interface ForgetListener extends PruneListener {
  /** Snapshots are removed (or chosen, in a dry run); a requested prune comes next. */
  default void forgotten(ForgetOutcome outcome) {}

  /** Does nothing. */
  ForgetListener NONE = new ForgetListener() {};
}
