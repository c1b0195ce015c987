package dev.cairn.operator.volume;

import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * The point-in-time copy of a source volume that the mover reads (Volsync's {@code
 * EnsurePVCFromSrc}, its section 3.4): {@code Direct} the volume itself; {@code Clone} a PVC
 * cloned from it; {@code Snapshot} a VolumeSnapshot, once bound and not unready, then a PVC made
 * from it. A new PVC is ready at once, unbound, as in Volsync, so that WaitForFirstConsumer
 * classes bind it for the mover. Capacity falls back to the spec, the snapshot's restore size,
 * the source's actual size, then its request; class and access modes to the spec, then the
 * source's.
 */
public final class SourceVolume {
  private final KubernetesClient client;
  private final VolumeSnapshots snapshots;

  public SourceVolume(KubernetesClient client) {
    this.client = client;
    this.snapshots = new VolumeSnapshots(client);
  }

  /**
   * The source PVC itself.
   *
   * @throws SpecException when it does not exist
   */
  public PersistentVolumeClaim source(String namespace, String name) {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace)
        .withName(name).get();
    if (pvc == null) {
      throw new SpecException("PersistentVolumeClaim " + name + " not found");
    }
    return pvc;
  }

  /**
   * Ensures the copy named {@code copyName} of {@code sourceName}; labels mark it for cleanup
   * after the sync.
   */
  public Ensured<PersistentVolumeClaim> ensure(String namespace, String sourceName,
      String copyName, ResticSourceSpec spec, Map<String, String> labels, OwnerReference owner) {
    PersistentVolumeClaim src = source(namespace, sourceName);
    CopyMethod method = CopyMethod.of(spec.copyMethod());
    return switch (method) {
      case Direct, None -> Ensured.ready(src);
      case Clone -> clone(src, copyName, spec, labels, owner);
      case Snapshot -> fromSnapshot(src, copyName, spec, labels, owner);
    };
  }

  private Ensured<PersistentVolumeClaim> clone(PersistentVolumeClaim src, String name,
      ResticSourceSpec spec, Map<String, String> labels, OwnerReference owner) {
    String ns = src.getMetadata().getNamespace();
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(name)
        .get();
    if (pvc == null) {
      Quantity size = Claims.first(spec.capacity(), Claims.actual(src), Claims.requested(src));
      pvc = client.persistentVolumeClaims().inNamespace(ns).resource(Claims.claim(ns, name, size,
          Claims.first(spec.storageClassName(), src.getSpec().getStorageClassName()),
          Claims.first(spec.accessModes(), src.getSpec().getAccessModes()),
          new TypedLocalObjectReference(null, "PersistentVolumeClaim",
              src.getMetadata().getName()),
          src.getSpec().getVolumeMode(), labels, owner)).create();
    }
    if (pvc.getMetadata().getDeletionTimestamp() != null) {
      return Ensured.waiting("the previous clone " + name + " is still being deleted");
    }
    // not waiting for Bound: a WaitForFirstConsumer class provisions the clone only once a pod
    // using it is scheduled, and that pod is the mover's
    return Ensured.ready(pvc);
  }

  private Ensured<PersistentVolumeClaim> fromSnapshot(PersistentVolumeClaim src, String name,
      ResticSourceSpec spec, Map<String, String> labels, OwnerReference owner) {
    String ns = src.getMetadata().getNamespace();
    GenericKubernetesResource vs = snapshots.get(ns, name);
    if (vs == null) {
      snapshots.requireClass(spec.volumeSnapshotClassName());
      vs = snapshots.create(ns, name, src.getMetadata().getName(),
          spec.volumeSnapshotClassName(), labels, owner);
    }
    if (vs.getMetadata().getDeletionTimestamp() != null) {
      return Ensured.waiting("the previous VolumeSnapshot " + name + " is still being deleted");
    }
    if (!VolumeSnapshots.ready(vs)) {
      return Ensured.waiting("VolumeSnapshot " + name + " to be ready");
    }
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(name)
        .get();
    if (pvc == null) {
      Quantity size = Claims.first(spec.capacity(), VolumeSnapshots.restoreSize(vs),
          Claims.actual(src), Claims.requested(src));
      pvc = client.persistentVolumeClaims().inNamespace(ns).resource(Claims.claim(ns, name, size,
          Claims.first(spec.storageClassName(), src.getSpec().getStorageClassName()),
          Claims.first(spec.accessModes(), src.getSpec().getAccessModes()),
          new TypedLocalObjectReference("snapshot.storage.k8s.io", "VolumeSnapshot", name),
          src.getSpec().getVolumeMode(), labels, owner)).create();
    }
    if (pvc.getMetadata().getDeletionTimestamp() != null) {
      return Ensured.waiting("the previous PersistentVolumeClaim " + name
          + " is still being deleted");
    }
    return Ensured.ready(pvc);
  }

  /** Whether a claim may only be mounted read-only (its only access mode is ReadOnlyMany). */
  public static boolean readOnly(PersistentVolumeClaim pvc) {
    List<String> modes = pvc.getSpec() == null ? null : pvc.getSpec().getAccessModes();
    return modes != null && modes.size() == 1 && "ReadOnlyMany".equals(modes.get(0));
  }
}
