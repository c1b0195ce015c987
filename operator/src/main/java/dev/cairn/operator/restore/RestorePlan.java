package dev.cairn.operator.restore;

import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;

/**
 * What preflight found and the names the restore will use.
 *
 * @param original the PVC as it was before the restore (its spec is the new claim's)
 * @param originalVolume the PersistentVolume it is bound to
 * @param reclaimPolicy that volume's reclaim policy before the restore
 * @param restic the destination's restic settings (repository, cache, mover), before the
 *     restore's own fields are set
 * @param origin where the settings come from ({@code ReplicationSource app})
 * @param workloads the Deployments and StatefulSets that mount the PVC
 * @param destination the temporary ReplicationDestination's name
 * @param restoredPvc the temporary PVC the snapshot is restored into
 * @param tag the {@code trigger.manual} tag of the restore
 */
public record RestorePlan(PersistentVolumeClaim original, String originalVolume,
    String reclaimPolicy, ResticDestinationSpec restic, String origin, List<Workload> workloads,
    String destination, String restoredPvc, String tag) {
  public RestorePlan {
    workloads = List.copyOf(workloads);
  }

  /** The namespace of everything the restore touches. */
  public String namespace() {
    return original.getMetadata().getNamespace();
  }

  /** The PVC's name, which it keeps. */
  public String pvc() {
    return original.getMetadata().getName();
  }
}
