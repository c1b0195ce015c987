package dev.cairn.operator.restore;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationSpec;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.mover.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The restore itself: a new PVC like the original (storage class, access modes, size) and a
 * ReplicationDestination restoring into it ({@code copyMethod: Direct}, a unique {@code
 * trigger.manual}, no retries), waited for until the operator reports the tag done. Only a
 * restored snapshot counts: an empty repository, no matching snapshot or a failed run stops the
 * restore with the destination's own account of why.
 */
final class TemporaryRestore {
  /** The label on the objects a restore creates. */
  static final String CREATED_BY = "app.kubernetes.io/created-by";

  private final KubernetesClient client;
  private final Deadline deadline;

  TemporaryRestore(KubernetesClient client, Deadline deadline) {
    this.client = client;
    this.deadline = deadline;
  }

  /** Restores into {@code plan.restoredPvc()}; returns the restored snapshot's id and time. */
  String run(RestorePlan plan, RestoreRequest request) {
    String ns = plan.namespace();
    var spec = plan.original().getSpec();
    PersistentVolumeClaim pvc = new PersistentVolumeClaimBuilder()
        .withMetadata(meta(ns, plan.restoredPvc()))
        .withNewSpec().withAccessModes(spec.getAccessModes())
        .withStorageClassName(spec.getStorageClassName()).withVolumeMode(spec.getVolumeMode())
        .withNewResources().withRequests(Map.of("storage",
            spec.getResources().getRequests().get("storage"))).endResources()
        .endSpec().build();
    client.persistentVolumeClaims().inNamespace(ns).resource(pvc).create();
    ReplicationDestination rd = new ReplicationDestination();
    rd.setMetadata(meta(ns, plan.destination()));
    rd.getMetadata().setAnnotations(Map.of(Labels.MAX_RETRIES, "0"));
    rd.setSpec(new ReplicationDestinationSpec(new TriggerSpec(null, plan.tag()),
        restic(plan, request), null, null, null, null, null));
    client.resources(ReplicationDestination.class).inNamespace(ns).resource(rd).create();
    deadline.await(RestoreStep.RESTORE, "ReplicationDestination " + ns + "/"
        + plan.destination() + " to restore (trigger.manual " + plan.tag() + ")",
        () -> done(plan));
    ReplicationDestinationStatus st = status(plan);
    boolean restored = st.lastResult() != null && "ok".equals(st.lastResult().outcome())
        && st.restic() != null && st.restic().restoredSnapshot() != null;
    if (!restored) {
      throw new RestoreFailedException(RestoreStep.RESTORE, "ReplicationDestination " + ns + "/"
          + plan.destination() + " restored no snapshot: " + account(st));
    }
    return st.restic().restoredSnapshot() + " (taken " + st.restic().restoredSnapshotTime()
        + ")";
  }

  private boolean done(RestorePlan plan) {
    ReplicationDestinationStatus st = status(plan);
    return st != null && plan.tag().equals(st.lastManualSync());
  }

  private ReplicationDestinationStatus status(RestorePlan plan) {
    ReplicationDestination rd = client.resources(ReplicationDestination.class)
        .inNamespace(plan.namespace()).withName(plan.destination()).get();
    if (rd == null) {
      throw new RestoreFailedException(RestoreStep.RESTORE, "ReplicationDestination "
          + plan.namespace() + "/" + plan.destination() + " was deleted during the restore");
    }
    return rd.getStatus();
  }

  /** The Restored condition's message, else the last result's. */
  private static String account(ReplicationDestinationStatus st) {
    if (st.conditions() != null) {
      for (Condition c : st.conditions()) {
        if ("Restored".equals(c.getType()) && c.getMessage() != null) {
          return c.getMessage();
        }
      }
    }
    return st.lastResult() == null ? "no result" : st.lastResult().outcome() + ": "
        + st.lastResult().message();
  }

  private static ResticDestinationSpec restic(RestorePlan plan, RestoreRequest request) {
    ResticDestinationSpec r = plan.restic();
    boolean chosen = request.restoreAsOf() != null || request.previous() != null;
    return new ResticDestinationSpec("Direct", null, null, null, null, plan.restoredPvc(), null,
        r.repository(), r.customCA(), r.cacheCapacity(), r.cacheStorageClassName(),
        r.cacheAccessModes(), true, chosen ? request.previous() : r.previous(),
        chosen ? request.restoreAsOf() : r.restoreAsOf(), null, r.moverSecurityContext(),
        r.moverServiceAccount(), r.moverPodLabels(), r.moverResources(), r.moverAffinity(),
        r.moverVolumes());
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String ns, String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(ns)
        .withLabels(Map.of(CREATED_BY, "cairn-restore-pvc")).build();
  }
}
