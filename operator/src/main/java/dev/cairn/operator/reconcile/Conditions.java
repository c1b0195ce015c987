package dev.cairn.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/**
 * The conditions the controllers set, each with {@code observedGeneration}: Volsync's {@code
 * Synchronizing} (True while a sync runs; False with {@code WaitingForSchedule}, {@code
 * WaitingForManual}, {@code Error} …) and Cairn's {@code LastSyncSucceeded} (the last finished
 * run's outcome as the reason). A condition's {@code lastTransitionTime} changes only when its
 * status does.
 */
public final class Conditions {
  public static final String SYNCHRONIZING = "Synchronizing";
  public static final String LAST_SYNC_SUCCEEDED = "LastSyncSucceeded";
  public static final String SYNC_IN_PROGRESS = "SyncInProgress";
  public static final String ERROR = "Error";

  private Conditions() {}

  /** Sets (adds or replaces) a condition in {@code list}. */
  public static void set(List<Condition> list, String type, boolean status, String reason,
      String message, long generation, Instant now) {
    String st = status ? "True" : "False";
    Condition old = null;
    for (Condition c : list) {
      if (type.equals(c.getType())) {
        old = c;
      }
    }
    String since = old != null && st.equals(old.getStatus()) ? old.getLastTransitionTime()
        : SyncStatus.text(now);
    Condition c = new ConditionBuilder().withType(type).withStatus(st).withReason(reason)
        .withMessage(message == null ? "" : message).withObservedGeneration(generation)
        .withLastTransitionTime(since).build();
    if (old != null) {
      list.set(list.indexOf(old), c);
    } else {
      list.add(c);
    }
  }

  /** The outcome class as a condition reason ({@code skipped-empty} → {@code SkippedEmpty}). */
  public static String reason(String outcome) {
    if ("ok".equals(outcome)) {
      return "Succeeded";
    }
    StringBuilder sb = new StringBuilder();
    for (String part : outcome.split("-")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.toString();
  }
}
