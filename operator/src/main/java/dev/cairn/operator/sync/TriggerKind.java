package dev.cairn.operator.sync;

import dev.cairn.operator.api.v1alpha1.TriggerSpec;

/**
 * What drives a resource's syncs, by Volsync's precedence ({@code getTrigger} in its state
 * machine): a non-empty {@code manual} tag wins, then a non-empty {@code schedule}; with neither
 * the resource syncs continuously. Only emptiness counts: a schedule of blanks is a schedule,
 * and an invalid one.
 */
public enum TriggerKind {
  /** {@code spec.trigger.manual} is set: a sync runs while it differs from the last one. */
  MANUAL,
  /** Only {@code spec.trigger.schedule} is set: a sync runs at each firing. */
  SCHEDULE,
  /** No trigger: a sync starts again as soon as the previous one ends. */
  CONTINUOUS;

  /**
   * The kind of a trigger.
   *
   * @param trigger the resource's trigger, or null when it has none
   * @return its kind
   */
  public static TriggerKind of(TriggerSpec trigger) {
    if (trigger != null && trigger.manual() != null && !trigger.manual().isEmpty()) {
      return MANUAL;
    }
    if (trigger != null && trigger.schedule() != null && !trigger.schedule().isEmpty()) {
      return SCHEDULE;
    }
    return CONTINUOUS;
  }
}
