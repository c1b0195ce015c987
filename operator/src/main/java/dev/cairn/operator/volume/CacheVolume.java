package dev.cairn.operator.volume;

import dev.cairn.operator.api.v1alpha1.MoverSettings;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The mover's cache PVC ({@code volsync-src-<rs>-cache}): kept between runs (on a destination,
 * deleted after each sync with {@code cleanupCachePVC}). Size {@code cacheCapacity} (1Gi), class
 * {@code cacheStorageClassName}, then {@code storageClassName}, then the cluster's default (as
 * Volsync's code does), access modes {@code cacheAccessModes}, then {@code accessModes}, then the
 * data volume's.
 */
public final class CacheVolume {
  private final KubernetesClient client;

  public CacheVolume(KubernetesClient client) {
    this.client = client;
  }

  /** The cache, created when missing; ready at once (the mover's pod binds it). */
  public Ensured<PersistentVolumeClaim> ensure(String namespace, String name,
      MoverSettings spec, PersistentVolumeClaim data, Map<String, String> labels,
      OwnerReference owner) {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace)
        .withName(name).get();
    if (pvc == null) {
      pvc = client.persistentVolumeClaims().inNamespace(namespace).resource(Claims.claim(
          namespace, name, Claims.first(spec.cacheCapacity(), Claims.DEFAULT_CACHE),
          Claims.first(spec.cacheStorageClassName(), spec.storageClassName()),
          Claims.first(spec.cacheAccessModes(), spec.accessModes(),
              data.getSpec() == null ? null : data.getSpec().getAccessModes()),
          null, null, labels, owner)).create();
    }
    if (pvc.getMetadata().getDeletionTimestamp() != null) {
      return Ensured.waiting("the previous cache " + name + " is still being deleted");
    }
    return Ensured.ready(pvc);
  }
}
