package dev.cairn.operator.restore;

/**
 * The steps of an in-place restore, in the order they run. The restore comes first, while the
 * workloads still run: downtime is only the swap, and a repository without a matching snapshot
 * refuses before anything is disturbed.
 */
public enum RestoreStep {
  PREFLIGHT("check the PVC, its backing ReplicationSource and the workloads that mount it"),
  RESTORE("restore the snapshot into a new PVC through a ReplicationDestination"),
  SCALE_DOWN("record the workloads' replicas and scale them to zero"),
  RETAIN("set both PersistentVolumes' reclaim policy to Retain"),
  RELEASE("delete the temporary ReplicationDestination and PVC, and the original PVC"),
  REBIND("bind the restored PersistentVolume to a PVC of the original name"),
  SCALE_UP("scale the workloads back to their recorded replicas");

  private final String description;

  RestoreStep(String description) {
    this.description = description;
  }

  /** What the step does, as the output and the events say it. */
  public String description() {
    return description;
  }

  /** The step's name as output shows it ({@code scale-down}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
