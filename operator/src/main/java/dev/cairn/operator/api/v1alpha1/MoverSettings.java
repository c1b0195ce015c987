package dev.cairn.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * What the source and destination restic specs share: the repository, its cache, the copy of
 * the volume, and Volsync's {@code MoverConfig} (how the mover pod runs).
 */
public interface MoverSettings {
  /** The Secret with {@code RESTIC_REPOSITORY}, {@code RESTIC_PASSWORD} and credentials. */
  String repository();

  CustomCA customCA();

  Quantity cacheCapacity();

  String cacheStorageClassName();

  List<String> cacheAccessModes();

  /** {@code Direct}, {@code None}, {@code Clone} or {@code Snapshot}; see {@link CopyMethod#of}. */
  String copyMethod();

  Quantity capacity();

  String storageClassName();

  List<String> accessModes();

  String volumeSnapshotClassName();

  PodSecurityContext moverSecurityContext();

  String moverServiceAccount();

  Map<String, String> moverPodLabels();

  ResourceRequirements moverResources();

  Affinity moverAffinity();

  List<MoverVolume> moverVolumes();
}
