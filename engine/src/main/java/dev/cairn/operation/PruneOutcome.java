package dev.cairn.operation;

import dev.cairn.prune.PrunePlan;
import java.time.Duration;

/**
 * What a prune did.
 *
 * @param plan what was (or, for a dry run, would have been) done, with its statistics
 * @param executed whether the plan was carried out
 * @param duration from taking the lock to the last deletion
 */
public record PruneOutcome(PrunePlan plan, boolean executed, Duration duration) {
  /** Bytes of pack files freed (0 for a dry run). */
  public long freedBytes() {
    return executed ? plan.stats().prunedBytes() : 0;
  }
}
