package dev.cairn.operator.volume;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.util.List;
import java.util.Map;

/**
 * PersistentVolumeClaims a sync creates, and Volsync's fallbacks for their size, class and access
 * modes.
 */
public final class Claims {
  /** The cache's size when {@code cacheCapacity} is unset. */
  public static final Quantity DEFAULT_CACHE = new Quantity("1Gi");

  private Claims() {}

  /** The first non-null, non-empty value. */
  @SafeVarargs
  static <T> T first(T... values) {
    for (T v : values) {
      if (v != null && !(v instanceof List<?> l && l.isEmpty())
          && !(v instanceof String s && s.isEmpty())) {
        return v;
      }
    }
    return null;
  }

  /** The size a claim asks for. */
  static Quantity requested(PersistentVolumeClaim pvc) {
    if (pvc.getSpec() == null || pvc.getSpec().getResources() == null
        || pvc.getSpec().getResources().getRequests() == null) {
      return null;
    }
    return pvc.getSpec().getResources().getRequests().get("storage");
  }

  /** The size a bound claim got. */
  static Quantity actual(PersistentVolumeClaim pvc) {
    if (pvc.getStatus() == null || pvc.getStatus().getCapacity() == null) {
      return null;
    }
    return pvc.getStatus().getCapacity().get("storage");
  }

  /** Whether the claim is bound to a volume. */
  public static boolean bound(PersistentVolumeClaim pvc) {
    return pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
  }

  /**
   * A new claim.
   *
   * @param dataSource what to fill it from (a PVC to clone, a VolumeSnapshot), or null
   * @param volumeMode Filesystem or Block, or null
   */
  public static PersistentVolumeClaim claim(String namespace, String name, Quantity size,
      String storageClass, List<String> accessModes, TypedLocalObjectReference dataSource,
      String volumeMode, Map<String, String> labels, OwnerReference owner) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
        .withOwnerReferences(owner).endMetadata()
        .withNewSpec()
            .withAccessModes(accessModes)
            .withStorageClassName(storageClass)
            .withVolumeMode(volumeMode)
            .withDataSource(dataSource)
            .withNewResources().withRequests(Map.of("storage", size)).endResources()
        .endSpec()
        .build();
  }
}
