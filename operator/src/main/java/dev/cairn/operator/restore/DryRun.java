package dev.cairn.operator.restore;

/** Lists the steps a restore would take and the objects each touches; changes nothing. */
final class DryRun {
  private final StepReport report;
  private final RestorePlan plan;
  private final RestoreRequest request;

  DryRun(StepReport report, RestorePlan plan, RestoreRequest request) {
    this.report = report;
    this.plan = plan;
    this.request = request;
  }

  void list() {
    String ns = plan.namespace();
    String selection = request.restoreAsOf() != null ? "as of " + request.restoreAsOf()
        : request.previous() != null ? request.previous() + " before the newest"
        : "the newest (or what " + plan.origin() + " selects)";
    report.planned(RestoreStep.RESTORE, "create PersistentVolumeClaim " + ns + "/"
        + plan.restoredPvc() + " and ReplicationDestination " + ns + "/" + plan.destination()
        + " (repository Secret " + plan.restic().repository() + ", snapshot " + selection
        + ")");
    report.planned(RestoreStep.SCALE_DOWN, plan.workloads().isEmpty() ? "no workloads"
        : plan.workloads() + " to 0, recording their replicas in annotation "
            + WorkloadScaler.REPLICAS);
    report.planned(RestoreStep.RETAIN, "PersistentVolume " + plan.originalVolume()
        + " and the restored PVC's volume");
    report.planned(RestoreStep.RELEASE, "ReplicationDestination " + plan.destination()
        + ", PersistentVolumeClaims " + plan.restoredPvc() + " and " + plan.pvc());
    report.planned(RestoreStep.REBIND, "PersistentVolumeClaim " + plan.pvc()
        + " to the restored volume; PersistentVolume " + plan.originalVolume() + " kept");
    report.planned(RestoreStep.SCALE_UP, plan.workloads().isEmpty() ? "no workloads"
        : plan.workloads().stream().map(w -> w + " to " + w.replicas()).toList().toString());
    report.note("dry run: nothing was changed");
  }
}
