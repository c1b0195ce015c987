package dev.cairn.operator.volume;

import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.mover.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ReplicationDestination's image, what {@code status.latestImage} names after a restore
 * (Volsync's {@code EnsureImage}, its section 3.4): with {@code Direct} the restored PVC itself;
 * with {@code Snapshot} a VolumeSnapshot of it named {@code <pvc>-<YYYYMMDDHHMMSS>} (the name is
 * kept on the PVC in {@code volsync.backube/snapname} until the sync ends, so a later reconcile
 * finds the same one), ready once {@code readyToUse} is true. A replaced image snapshot is deleted
 * unless labelled {@code volsync.backube/do-not-delete}; a snapshot with that label is released
 * instead (no longer owned, so it outlives the destination).
 */
public final class DestinationImage {
  /** On the destination PVC during a sync: the name of the image snapshot being made. */
  public static final String SNAPNAME = "volsync.backube/snapname";
  static final String SNAPSHOT_GROUP = "snapshot.storage.k8s.io";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
      .withZone(ZoneOffset.UTC);

  private final KubernetesClient client;
  private final VolumeSnapshots snapshots;

  public DestinationImage(KubernetesClient client) {
    this.client = client;
    this.snapshots = new VolumeSnapshots(client);
  }

  /** Volsync's name of the image snapshot of {@code pvc} taken at {@code now}. */
  public static String snapshotName(String pvc, Instant now) {
    return pvc + "-" + STAMP.format(now);
  }

  /**
   * The name of a new image snapshot of {@code pvc}: {@link #snapshotName}, a second later when
   * that is the name of the {@code previous} image.
   */
  static String nextName(String pvc, Instant now, TypedLocalObjectReference previous) {
    String name = snapshotName(pvc, now);
    return previous != null && name.equals(previous.getName())
        ? snapshotName(pvc, now.plusSeconds(1)) : name;
  }

  /** The reference to a PVC as {@code latestImage} holds it (apiGroup "", as Volsync). */
  public static TypedLocalObjectReference ofClaim(String name) {
    return new TypedLocalObjectReference("", "PersistentVolumeClaim", name);
  }

  /** The reference to a VolumeSnapshot. */
  public static TypedLocalObjectReference ofSnapshot(String name) {
    return new TypedLocalObjectReference(SNAPSHOT_GROUP, "VolumeSnapshot", name);
  }

  /**
   * The image of the restored {@code pvc}, made now when {@code method} is Snapshot.
   *
   * @param className the VolumeSnapshotClass, or null for the cluster's default
   * @param previous the image this one replaces, or null: a new snapshot never takes its name
   *     (two restores within a second), so the old data is never taken for the new
   */
  public Ensured<TypedLocalObjectReference> ensure(PersistentVolumeClaim pvc, CopyMethod method,
      String className, TypedLocalObjectReference previous, Map<String, String> labels,
      OwnerReference owner, Instant now) {
    if (method.normalized() == CopyMethod.Direct) {
      return Ensured.ready(ofClaim(pvc.getMetadata().getName()));
    }
    String ns = pvc.getMetadata().getNamespace();
    String name = annotation(pvc);
    if (name == null) {
      String chosen = nextName(pvc.getMetadata().getName(), now, previous);
      client.persistentVolumeClaims().inNamespace(ns).withName(pvc.getMetadata().getName())
          .edit(p -> {
            Map<String, String> a = new HashMap<>(p.getMetadata().getAnnotations() == null
                ? Map.of() : p.getMetadata().getAnnotations());
            a.put(SNAPNAME, chosen);
            p.getMetadata().setAnnotations(a);
            return p;
          });
      name = chosen;
    }
    GenericKubernetesResource vs = snapshots.get(ns, name);
    if (vs == null) {
      snapshots.requireClass(className);
      vs = snapshots.create(ns, name, pvc.getMetadata().getName(), className, labels, owner);
    }
    if (vs.getMetadata().getDeletionTimestamp() != null) {
      return Ensured.waiting("VolumeSnapshot " + name + " is being deleted");
    }
    return VolumeSnapshots.readyToUse(vs) ? Ensured.ready(ofSnapshot(name))
        : Ensured.waiting("VolumeSnapshot " + name + " to be ready to use");
  }

  /** Removes the snapshot name from the PVC once its sync has ended. */
  public void forgetName(String namespace, String pvcName) {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace)
        .withName(pvcName).get();
    if (pvc == null || annotation(pvc) == null) {
      return;
    }
    client.persistentVolumeClaims().inNamespace(namespace).withName(pvcName).edit(p -> {
      p.getMetadata().getAnnotations().remove(SNAPNAME);
      return p;
    });
  }

  /**
   * Retires {@code old}, the image {@code current} replaces: a VolumeSnapshot owned by the
   * destination {@code ownerUid} is deleted, or released when labelled do-not-delete; a PVC, or a
   * snapshot owned by something else, is left alone.
   *
   * @return what was done, for the log: {@code deleted}, {@code kept}, or null for nothing
   */
  public String retire(String namespace, TypedLocalObjectReference old,
      TypedLocalObjectReference current, String ownerUid) {
    if (old == null || !"VolumeSnapshot".equals(old.getKind())
        || (current != null && old.getName().equals(current.getName())
            && old.getKind().equals(current.getKind()))) {
      return null;
    }
    GenericKubernetesResource vs = snapshots.get(namespace, old.getName());
    if (vs == null || !ownedOnlyBy(vs, ownerUid)) {
      return null;
    }
    Map<String, String> labels = vs.getMetadata().getLabels();
    if (labels != null && labels.containsKey(Labels.DO_NOT_DELETE)) {
      release(vs, ownerUid);
      return "kept";
    }
    snapshots.delete(namespace, old.getName());
    return "deleted";
  }

  /**
   * Releases the snapshots in {@code namespace} that the destination {@code ownerUid} owns and
   * the user labelled do-not-delete, so that deleting the destination keeps them (Volsync's
   * {@code RelinquishOwnedSnapshotsWithDoNotDeleteLabel}).
   *
   * @return how many were released
   */
  public int releaseKept(String namespace, String ownerUid) {
    int n = 0;
    for (GenericKubernetesResource vs : snapshots.withLabel(namespace, Labels.DO_NOT_DELETE)) {
      List<OwnerReference> refs = vs.getMetadata().getOwnerReferences();
      if (refs != null && refs.stream().anyMatch(r -> ownerUid.equals(r.getUid()))) {
        release(vs, ownerUid);
        n++;
      }
    }
    return n;
  }

  /** Drops the destination's ownership (and cleanup label) of a snapshot the user keeps. */
  private void release(GenericKubernetesResource vs, String ownerUid) {
    List<OwnerReference> refs = vs.getMetadata().getOwnerReferences();
    refs.removeIf(r -> ownerUid.equals(r.getUid()));
    vs.getMetadata().setOwnerReferences(refs);
    if (vs.getMetadata().getLabels() != null) {
      vs.getMetadata().getLabels().remove(Labels.CLEANUP);
    }
    snapshots.update(vs);
  }

  private static boolean ownedOnlyBy(GenericKubernetesResource vs, String uid) {
    List<OwnerReference> refs = vs.getMetadata().getOwnerReferences();
    return refs != null && !refs.isEmpty() && refs.stream().allMatch(r -> uid.equals(r.getUid()));
  }

  private static String annotation(PersistentVolumeClaim pvc) {
    Map<String, String> a = pvc.getMetadata().getAnnotations();
    return a == null ? null : a.get(SNAPNAME);
  }
}
