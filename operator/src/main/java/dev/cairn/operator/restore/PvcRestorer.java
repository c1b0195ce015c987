package dev.cairn.operator.restore;

import dev.cairn.operator.reconcile.DecisionLog;
import dev.cairn.operator.reconcile.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Restores a PVC in place ({@code cairn restore-pvc}): preflight, restore into a new PVC while
 * the workloads still run, scale them down, swap the restored volume in under the original name,
 * scale them back up. Each step is a line of output and an event on the PVC. On any failure it
 * rolls back ({@link Rollback}): the original PVC bound to its original volume, the replica
 * counts as they were; the exception names the step that failed.
 */
public final class PvcRestorer {
  private final KubernetesClient client;
  private final Clock clock;
  private final Consumer<String> out;
  private final StepHook hook;

  /**
   * @param out where each step's line goes (problems writing events go to stderr)
   * @param hook called before each step (tests fail steps through it)
   */
  public PvcRestorer(KubernetesClient client, Clock clock, Consumer<String> out,
      StepHook hook) {
    this.client = client;
    this.clock = clock;
    this.out = out;
    this.hook = hook;
  }

  /** Runs {@code request}; a {@link RestoreFailedException} when refused or rolled back. */
  public void run(RestoreRequest request) {
    hook.before(RestoreStep.PREFLIGHT);
    String tag = "restore-pvc-" + Long.toString(clock.millis(), 36) + "-"
        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
    RestorePlan plan = new Preflight(client).plan(request, tag);
    StepReport report = new StepReport(out, new EventRecorder(client, clock,
        new DecisionLog(System.err, clock)), plan.original(), request.dryRun());
    report.step(RestoreStep.PREFLIGHT, "PersistentVolumeClaim " + plan.pvc() + " on"
        + " PersistentVolume " + plan.originalVolume() + ", repository of " + plan.origin()
        + ", workloads: " + (plan.workloads().isEmpty() ? "none" : plan.workloads()));
    if (request.dryRun()) {
      new DryRun(report, plan, request).list();
      return;
    }
    Deadline deadline = new Deadline(request.timeout());
    VolumeSwap swap = new VolumeSwap(client, deadline);
    WorkloadScaler scaler = new WorkloadScaler(client, plan.namespace());
    RestoreStep step = RestoreStep.RESTORE;
    try {
      hook.before(step);
      String snapshot = new TemporaryRestore(client, deadline).run(plan, request);
      report.step(step, "restored snapshot " + snapshot + " into PersistentVolumeClaim "
          + plan.restoredPvc());
      step = RestoreStep.SCALE_DOWN;
      hook.before(step);
      for (Workload w : plan.workloads()) {
        scaler.scaleDown(w);
      }
      deadline.await(step, "the pods mounting PersistentVolumeClaim " + plan.namespace() + "/"
          + plan.pvc() + " to go", () -> scaler.podsMounting(plan.pvc()).isEmpty());
      report.step(step, plan.workloads().isEmpty() ? "no workloads"
          : "scaled " + plan.workloads() + " to 0; their pods are gone");
      step = RestoreStep.RETAIN;
      hook.before(step);
      String restored = swap.volumeOf(plan.namespace(), plan.restoredPvc());
      if (restored == null) {
        throw new RestoreFailedException(step, "PersistentVolumeClaim " + plan.namespace()
            + "/" + plan.restoredPvc() + " is not bound to a PersistentVolume");
      }
      swap.reclaimPolicy(plan.originalVolume(), "Retain");
      swap.reclaimPolicy(restored, "Retain");
      report.step(step, "PersistentVolumes " + plan.originalVolume() + " and " + restored);
      step = RestoreStep.RELEASE;
      hook.before(step);
      swap.release(plan.namespace(), plan.destination(), plan.restoredPvc(), plan.pvc());
      report.step(step, "ReplicationDestination " + plan.destination()
          + ", PersistentVolumeClaims " + plan.restoredPvc() + " and " + plan.pvc());
      step = RestoreStep.REBIND;
      hook.before(step);
      swap.bind(plan.original(), restored, step);
      swap.reclaimPolicy(restored, plan.reclaimPolicy());
      report.step(step, "PersistentVolumeClaim " + plan.pvc() + " is Bound to"
          + " PersistentVolume " + restored);
      step = RestoreStep.SCALE_UP;
      hook.before(step);
      for (Workload w : plan.workloads()) {
        scaler.scaleUp(w);
      }
      report.step(step, plan.workloads().isEmpty() ? "no workloads" : scaledUp(plan));
      report.done("restore of PersistentVolumeClaim " + plan.namespace() + "/" + plan.pvc()
          + " done; the previous data stays on PersistentVolume " + plan.originalVolume()
          + " (reclaim policy Retain); once the restore is verified: kubectl delete pv "
          + plan.originalVolume());
    } catch (RuntimeException e) {
      String undo = new Rollback(swap, scaler, plan).run();
      String message = "step " + step.label() + " (" + step.description() + ") failed: "
          + e.getMessage() + "; " + undo;
      report.failed(message);
      throw new RestoreFailedException(step, message, e);
    }
  }

  private static String scaledUp(RestorePlan plan) {
    List<String> parts = new ArrayList<>();
    for (Workload w : plan.workloads()) {
      parts.add(w + " to " + w.replicas());
    }
    return "scaled " + String.join(", ", parts);
  }
}
