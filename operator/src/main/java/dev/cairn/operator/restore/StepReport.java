package dev.cairn.operator.restore;

import dev.cairn.operator.reconcile.EventRecorder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.function.Consumer;

/**
 * Says what a restore did: one output line per step, and the same as an event on the PVC
 * ({@code kubectl describe pvc} shows the history). A dry run writes no events.
 */
final class StepReport {
  private final Consumer<String> out;
  private final EventRecorder events;
  private final PersistentVolumeClaim pvc;
  private final boolean dryRun;

  StepReport(Consumer<String> out, EventRecorder events, PersistentVolumeClaim pvc, boolean dryRun) {
    this.out = out;
    this.events = events;
    this.pvc = pvc;
    this.dryRun = dryRun;
  }

  /** A step done: {@code detail} says on what. */
  void step(RestoreStep step, String detail) {
    String line = step.label() + ": " + step.description() + ": " + detail;
    out.accept(line);
    if (!dryRun) {
      events.record(pvc, EventRecorder.NORMAL, "RestorePvc" + reason(step), line);
    }
  }

  /** A step a dry run would do. */
  void planned(RestoreStep step, String detail) {
    out.accept("would " + step.label() + ": " + step.description() + ": " + detail);
  }

  /** A line of output only. */
  void note(String line) {
    out.accept(line);
  }

  void done(String message) {
    out.accept(message);
    events.record(pvc, EventRecorder.NORMAL, "RestorePvcSucceeded", message);
  }

  void failed(String message) {
    out.accept(message);
    events.record(pvc, EventRecorder.WARNING, "RestorePvcFailed", message);
  }

  /** {@code SCALE_DOWN} as {@code ScaleDown}. */
  private static String reason(RestoreStep step) {
    StringBuilder sb = new StringBuilder();
    for (String part : step.label().split("-")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }
}
