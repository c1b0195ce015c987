package dev.cairn.operator.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * Undoes a failed restore from whatever state it reached: the temporary ReplicationDestination
 * deleted, the original PVC bound to its original volume (re-created on it if the swap had
 * begun), the temporary PVC and the restored volume deleted, the original volume's reclaim
 * policy back, and the workloads scaled back to their recorded counts. Each part runs even if
 * an earlier one failed; the account names what could not be undone.
 */
final class Rollback {
  private final VolumeSwap swap;
  private final WorkloadScaler scaler;
  private final RestorePlan plan;

  Rollback(VolumeSwap swap, WorkloadScaler scaler, RestorePlan plan) {
    this.swap = swap;
    this.scaler = scaler;
    this.plan = plan;
  }

  /** Rolls back; returns an account of it for the failure message. */
  String run() {
    String ns = plan.namespace();
    List<String> problems = new ArrayList<>();
    String restored = swap.volumeOf(ns, plan.restoredPvc());
    String current = swap.volumeOf(ns, plan.pvc());
    String fromSwap = current != null && !current.equals(plan.originalVolume()) ? current : null;
    attempt(problems, "delete ReplicationDestination " + plan.destination(),
        () -> swap.release(ns, plan.destination()));
    attempt(problems, "rebind PersistentVolumeClaim " + plan.pvc() + " to PersistentVolume "
        + plan.originalVolume(), this::rebindOriginal);
    attempt(problems, "delete PersistentVolumeClaim " + plan.restoredPvc(), () -> {
      swap.release(ns, null, plan.restoredPvc());
      for (String v : new String[] {restored, fromSwap}) {
        if (v != null) {
          swap.deleteUnclaimed(v);
        }
      }
    });
    if (plan.reclaimPolicy() != null) {
      attempt(problems, "restore the reclaim policy of PersistentVolume "
          + plan.originalVolume(), () -> swap.reclaimPolicy(plan.originalVolume(),
              plan.reclaimPolicy()));
    }
    for (Workload w : plan.workloads()) {
      attempt(problems, "scale " + w + " back to " + w.replicas(), () -> scaler.scaleUp(w));
    }
    return problems.isEmpty() ? "rolled back: PersistentVolumeClaim " + plan.pvc()
        + " is on PersistentVolume " + plan.originalVolume() + " again, replicas as before"
        : "rollback incomplete: " + String.join("; ", problems);
  }

  private void rebindOriginal() {
    String ns = plan.namespace();
    if (swap.bound(ns, plan.pvc(), plan.originalVolume())) {
      return;
    }
    swap.reclaimPolicy(plan.originalVolume(), "Retain");
    swap.release(ns, null, plan.pvc());
    swap.bind(plan.original(), plan.originalVolume(), RestoreStep.REBIND);
  }

  private static void attempt(List<String> problems, String what, Runnable part) {
    try {
      part.run();
    } catch (RuntimeException e) {
      problems.add("could not " + what + ": " + e.getMessage());
    }
  }
}
