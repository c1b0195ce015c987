package dev.cairn.operation;

import dev.cairn.prune.PrunePlan;

/** Follows a prune. Every method has an empty default. */
public interface PruneListener {
  /** A step starts ("loading indexes...", "repacking packs", …), as restic prints them. */
  default void step(String message) {}

  /** One object is done (restic's {@code -vv} lines). */
  default void detail(String message) {}

  /** The plan is made; it is carried out next unless this is a dry run. */
  default void planned(PrunePlan plan) {}

  /** Does nothing. */
  PruneListener NONE = new PruneListener() {};
}
