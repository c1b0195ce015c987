package dev.cairn.operator.restore;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts a PersistentVolume under the PVC's original name without copying data: with both
 * volumes' reclaim policy {@code Retain}, the claims are deleted, the volume's {@code claimRef}
 * cleared, and a claim of the original name and spec created with {@code spec.volumeName} set
 * to it. The same move, with the original volume, is the rollback.
 */
final class VolumeSwap {
  private final KubernetesClient client;
  private final Deadline deadline;

  VolumeSwap(KubernetesClient client, Deadline deadline) {
    this.client = client;
    this.deadline = deadline;
  }

  /** The volume {@code pvc} of {@code ns} is bound to, or null (no such claim, or unbound). */
  String volumeOf(String ns, String pvc) {
    PersistentVolumeClaim c = client.persistentVolumeClaims().inNamespace(ns).withName(pvc).get();
    return c == null ? null : c.getSpec().getVolumeName();
  }

  /** Sets {@code volume}'s reclaim policy. */
  void reclaimPolicy(String volume, String policy) {
    client.persistentVolumes().withName(volume).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"persistentVolumeReclaimPolicy\":\"" + policy + "\"}}");
  }

  /** Deletes ReplicationDestination {@code name} and PVCs {@code pvcs} of {@code ns}, if there. */
  void release(String ns, String destination, String... pvcs) {
    if (destination != null) {
      client.resources(ReplicationDestination.class).inNamespace(ns).withName(destination)
          .delete();
    }
    for (String pvc : pvcs) {
      client.persistentVolumeClaims().inNamespace(ns).withName(pvc).delete();
      deadline.await(RestoreStep.RELEASE, "PersistentVolumeClaim " + ns + "/" + pvc
          + " to be deleted", () -> client.persistentVolumeClaims().inNamespace(ns)
              .withName(pvc).get() == null);
    }
  }

  /**
   * Binds {@code volume} to a new claim of {@code original}'s name and spec, and waits until
   * it is Bound.
   */
  void bind(PersistentVolumeClaim original, String volume, RestoreStep step) {
    String ns = original.getMetadata().getNamespace();
    String name = original.getMetadata().getName();
    PersistentVolume pv = client.persistentVolumes().withName(volume).get();
    if (pv == null) {
      throw new RestoreFailedException(step, "PersistentVolume " + volume + " not found");
    }
    client.persistentVolumes().withName(volume).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"claimRef\":null}}");
    PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
        .withMetadata(meta(original.getMetadata()))
        .withSpec(new PersistentVolumeClaimSpecBuilder(original.getSpec())
            .withVolumeName(volume).build())
        .build();
    client.persistentVolumeClaims().inNamespace(ns).resource(claim).create();
    deadline.await(step, "PersistentVolumeClaim " + ns + "/" + name + " to bind to"
        + " PersistentVolume " + volume, () -> bound(ns, name, volume));
  }

  /** Whether claim {@code name} is Bound to {@code volume}. */
  boolean bound(String ns, String name, String volume) {
    PersistentVolumeClaim c = client.persistentVolumeClaims().inNamespace(ns).withName(name)
        .get();
    return c != null && volume.equals(c.getSpec().getVolumeName()) && c.getStatus() != null
        && "Bound".equals(c.getStatus().getPhase());
  }

  /** Deletes {@code volume} if it exists and no live claim holds it. */
  void deleteUnclaimed(String volume) {
    PersistentVolume pv = client.persistentVolumes().withName(volume).get();
    if (pv == null) {
      return;
    }
    var ref = pv.getSpec().getClaimRef();
    PersistentVolumeClaim holder = ref == null ? null : client.persistentVolumeClaims()
        .inNamespace(ref.getNamespace()).withName(ref.getName()).get();
    if (holder == null || !volume.equals(holder.getSpec().getVolumeName())) {
      client.persistentVolumes().withName(volume).delete();
    }
  }

  /** The claim's metadata without what the API server and the binder set. */
  private static ObjectMeta meta(ObjectMeta m) {
    Map<String, String> annotations = new HashMap<>();
    if (m.getAnnotations() != null) {
      m.getAnnotations().forEach((k, v) -> {
        if (!k.startsWith("pv.kubernetes.io/") && !k.startsWith("volume.")) {
          annotations.put(k, v);
        }
      });
    }
    ObjectMeta out = new ObjectMeta();
    out.setName(m.getName());
    out.setNamespace(m.getNamespace());
    out.setLabels(m.getLabels());
    out.setAnnotations(annotations);
    return out;
  }
}
