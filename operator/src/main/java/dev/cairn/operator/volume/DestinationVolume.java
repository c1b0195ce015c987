package dev.cairn.operator.volume;

import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * The volume a ReplicationDestination restores into (Volsync's section 3.4): the user's {@code
 * destinationPVC}, which must exist, or one the controller creates and keeps ({@code
 * volsync-<rd>-dest}) from {@code capacity} (required), {@code accessModes} (default {@code
 * ReadWriteOnce}) and {@code storageClassName} (default: the cluster's). Ready as soon as it
 * exists: the mover's pod binds a WaitForFirstConsumer volume.
 */
public final class DestinationVolume {
  /** The access modes of a created volume when {@code accessModes} is unset. */
  public static final List<String> DEFAULT_ACCESS_MODES = List.of("ReadWriteOnce");

  private final KubernetesClient client;

  public DestinationVolume(KubernetesClient client) {
    this.client = client;
  }

  /** The name of the PVC restored into: {@code destinationPVC}, else {@code ownName}. */
  public static String name(ResticDestinationSpec spec, String ownName) {
    return isUsers(spec) ? spec.destinationPVC() : ownName;
  }

  /** Whether the volume is the user's ({@code destinationPVC}) rather than the controller's. */
  public static boolean isUsers(ResticDestinationSpec spec) {
    return spec.destinationPVC() != null && !spec.destinationPVC().isEmpty();
  }

  /**
   * Checks that the volume can be had: the user's exists, or the spec says how to create one.
   *
   * @throws SpecException naming what is missing
   */
  public void check(String namespace, ResticDestinationSpec spec, String ownName) {
    if (isUsers(spec)) {
      if (get(namespace, spec.destinationPVC()) == null) {
        throw new SpecException("PersistentVolumeClaim " + spec.destinationPVC()
            + " (spec.restic.destinationPVC) not found");
      }
    } else if (spec.capacity() == null && get(namespace, ownName) == null) {
      throw new SpecException("spec.restic.capacity is required to create PersistentVolumeClaim "
          + ownName + " when spec.restic.destinationPVC is not set");
    }
  }

  /** The volume, created when it is the controller's and missing. */
  public Ensured<PersistentVolumeClaim> ensure(String namespace, ResticDestinationSpec spec,
      String ownName, Map<String, String> labels, OwnerReference owner) {
    check(namespace, spec, ownName);
    String name = name(spec, ownName);
    PersistentVolumeClaim pvc = get(namespace, name);
    if (pvc == null) {
      pvc = client.persistentVolumeClaims().inNamespace(namespace).resource(Claims.claim(
          namespace, name, spec.capacity(), spec.storageClassName(),
          Claims.first(spec.accessModes(), DEFAULT_ACCESS_MODES), null, null, labels, owner))
          .create();
    }
    if (pvc.getMetadata().getDeletionTimestamp() != null) {
      return Ensured.waiting("the previous PersistentVolumeClaim " + name
          + " to be deleted");
    }
    return Ensured.ready(pvc);
  }

  /** The claim, or null. */
  public PersistentVolumeClaim get(String namespace, String name) {
    return client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
  }

  /** Deletes the claim, if it is there. */
  public void delete(String namespace, String name) {
    client.persistentVolumeClaims().inNamespace(namespace).withName(name).delete();
  }
}
