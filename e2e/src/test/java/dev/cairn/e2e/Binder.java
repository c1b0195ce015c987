package dev.cairn.e2e;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * The volume binder and PV controller of {@link ClusterStandIn}. A new claim gets a
 * PersistentVolume {@code pvc-<uid>} whose hostPath is the claim's directory (filled from its
 * data source); a claim naming {@code spec.volumeName} binds to that volume when its {@code
 * claimRef} is empty or names the claim, and stays Pending otherwise; a volume whose claim is
 * gone is deleted (reclaim policy Delete) or Released (Retain), keeping its {@code claimRef}.
 * Claims created already Bound without a volume (as tests make them) are left alone.
 */
final class Binder {
  private final KubernetesClient client;
  private final BiFunction<String, String, Path> newVolumes;
  private final BiFunction<String, String, Path> volumes;
  private final BiFunction<String, String, Path> snapshots;

  /**
   * @param newVolumes the directory for a new claim's volume
   * @param volumes an existing claim's volume directory
   * @param snapshots a VolumeSnapshot's directory
   */
  Binder(KubernetesClient client, BiFunction<String, String, Path> newVolumes,
      BiFunction<String, String, Path> volumes, BiFunction<String, String, Path> snapshots) {
    this.client = client;
    this.newVolumes = newVolumes;
    this.volumes = volumes;
    this.snapshots = snapshots;
  }

  /** Binds what is pending. */
  void claims(Iterable<PersistentVolumeClaim> pvcs) {
    for (PersistentVolumeClaim pvc : pvcs) {
      if (pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase())
          || pvc.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (pvc.getSpec().getVolumeName() != null) {
        bindNamed(pvc);
      } else {
        bindNew(pvc);
      }
    }
  }

  /** The PV controller: volumes whose claim is gone. */
  void volumes() {
    for (PersistentVolume pv : client.persistentVolumes().list().getItems()) {
      var ref = pv.getSpec().getClaimRef();
      if (ref == null || pv.getStatus() == null || !"Bound".equals(pv.getStatus().getPhase())) {
        continue;
      }
      PersistentVolumeClaim claim = client.persistentVolumeClaims()
          .inNamespace(ref.getNamespace()).withName(ref.getName()).get();
      if (claim != null && claim.getMetadata().getUid().equals(ref.getUid())) {
        continue;
      }
      if ("Retain".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
        pv.getStatus().setPhase("Released");
        client.persistentVolumes().resource(pv).update();
      } else {
        client.persistentVolumes().withName(pv.getMetadata().getName()).delete();
      }
    }
  }

  private void bindNew(PersistentVolumeClaim pvc) {
    String ns = pvc.getMetadata().getNamespace();
    String name = pvc.getMetadata().getName();
    var source = pvc.getSpec().getDataSource();
    Path dir = newVolumes.apply(ns, name);
    if (source != null && "VolumeSnapshot".equals(source.getKind())) {
      Tree.copy(snapshots.apply(ns, source.getName()), dir);
    } else if (source != null && "PersistentVolumeClaim".equals(source.getKind())) {
      Tree.copy(volumes.apply(ns, source.getName()), dir);
    } else {
      try { // a new volume: writable by the pod's user, as an fsGroup makes it
        Kubelet.writableByAll(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    var storage = pvc.getSpec().getResources().getRequests();
    PersistentVolume pv = new PersistentVolumeBuilder().withNewMetadata()
        .withName("pvc-" + pvc.getMetadata().getUid()).endMetadata()
        .withNewSpec().withCapacity(storage).withAccessModes(pvc.getSpec().getAccessModes())
        .withStorageClassName(pvc.getSpec().getStorageClassName())
        .withPersistentVolumeReclaimPolicy("Delete")
        .withNewHostPath().withPath(dir.toString()).endHostPath()
        .endSpec().build();
    pv = client.persistentVolumes().resource(pv).create();
    pvc.getSpec().setVolumeName(pv.getMetadata().getName());
    bind(pvc, pv);
  }

  private void bindNamed(PersistentVolumeClaim pvc) {
    PersistentVolume pv = client.persistentVolumes().withName(pvc.getSpec().getVolumeName())
        .get();
    if (pv == null) {
      return;
    }
    var ref = pv.getSpec().getClaimRef();
    if (ref != null && !(pvc.getMetadata().getName().equals(ref.getName())
        && pvc.getMetadata().getNamespace().equals(ref.getNamespace())
        && (ref.getUid() == null || ref.getUid().equals(pvc.getMetadata().getUid())))) {
      return; // held by another claim (or a deleted one): Pending, as Kubernetes leaves it
    }
    bind(pvc, pv);
  }

  private void bind(PersistentVolumeClaim pvc, PersistentVolume pv) {
    pv.getSpec().setClaimRef(new ObjectReferenceBuilder().withKind("PersistentVolumeClaim")
        .withNamespace(pvc.getMetadata().getNamespace()).withName(pvc.getMetadata().getName())
        .withUid(pvc.getMetadata().getUid()).build());
    pv.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeStatusBuilder()
        .withPhase("Bound").build());
    client.persistentVolumes().resource(pv).update();
    pvc.setStatus(new PersistentVolumeClaimStatusBuilder()
        .withPhase("Bound").withAccessModes(pvc.getSpec().getAccessModes())
        .withCapacity(pv.getSpec().getCapacity()).build());
    client.persistentVolumeClaims().inNamespace(pvc.getMetadata().getNamespace())
        .resource(pvc).update();
  }
}
