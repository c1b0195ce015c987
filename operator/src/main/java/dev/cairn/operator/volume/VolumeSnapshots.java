package dev.cairn.operator.volume;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * CSI {@code snapshot.storage.k8s.io/v1} VolumeSnapshots and VolumeSnapshotClasses, read and
 * written as generic resources (no model classes needed), with the fields a sync uses.
 */
public final class VolumeSnapshots {
  static final ResourceDefinitionContext SNAPSHOT = new ResourceDefinitionContext.Builder()
      .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshot")
      .withPlural("volumesnapshots").withNamespaced(true).build();
  static final ResourceDefinitionContext CLASS = new ResourceDefinitionContext.Builder()
      .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
      .withPlural("volumesnapshotclasses").withNamespaced(false).build();
  /** The annotation marking the cluster's default VolumeSnapshotClass. */
  static final String DEFAULT_CLASS = "snapshot.storage.kubernetes.io/is-default-class";

  private final KubernetesClient client;

  public VolumeSnapshots(KubernetesClient client) {
    this.client = client;
  }

  /** The snapshot, or null. */
  public GenericKubernetesResource get(String namespace, String name) {
    return client.genericKubernetesResources(SNAPSHOT).inNamespace(namespace).withName(name)
        .get();
  }

  /** Creates a snapshot of {@code pvc}; {@code className} null for the cluster's default. */
  public GenericKubernetesResource create(String namespace, String name, String pvc,
      String className, Map<String, String> labels, OwnerReference owner) {
    GenericKubernetesResource vs = new GenericKubernetesResourceBuilder()
        .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshot")
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
        .withOwnerReferences(owner).endMetadata()
        .build();
    vs.setAdditionalProperty("spec", className == null
        ? Map.of("source", Map.of("persistentVolumeClaimName", pvc))
        : Map.of("source", Map.of("persistentVolumeClaimName", pvc),
            "volumeSnapshotClassName", className));
    return client.genericKubernetesResources(SNAPSHOT).inNamespace(namespace).resource(vs)
        .create();
  }

  /** Deletes the snapshot, if it is there. */
  public void delete(String namespace, String name) {
    client.genericKubernetesResources(SNAPSHOT).inNamespace(namespace).withName(name).delete();
  }

  /** Snapshots in {@code namespace} with {@code label=value}. */
  public List<GenericKubernetesResource> labelled(String namespace, String label, String value) {
    return client.genericKubernetesResources(SNAPSHOT).inNamespace(namespace)
        .withLabel(label, value).list().getItems();
  }

  /** Snapshots in {@code namespace} that have the label {@code label}, whatever its value. */
  public List<GenericKubernetesResource> withLabel(String namespace, String label) {
    return client.genericKubernetesResources(SNAPSHOT).inNamespace(namespace).withLabel(label)
        .list().getItems();
  }

  /**
   * Checks that the class exists ({@code className} given) or that the cluster has a default one
   * (null).
   *
   * @throws SpecException naming the missing class
   */
  public void requireClass(String className) {
    if (className != null) {
      if (client.genericKubernetesResources(CLASS).withName(className).get() == null) {
        throw new SpecException("VolumeSnapshotClass " + className + " not found");
      }
      return;
    }
    for (GenericKubernetesResource c : client.genericKubernetesResources(CLASS).list()
        .getItems()) {
      Map<String, String> a = c.getMetadata().getAnnotations();
      if (a != null && "true".equals(a.get(DEFAULT_CLASS))) {
        return;
      }
    }
    throw new SpecException("no volumeSnapshotClassName given and the cluster has no default"
        + " VolumeSnapshotClass (annotation " + DEFAULT_CLASS + "=true)");
  }

  /** Replaces the snapshot's metadata and spec with those of {@code vs}. */
  public GenericKubernetesResource update(GenericKubernetesResource vs) {
    return client.genericKubernetesResources(SNAPSHOT)
        .inNamespace(vs.getMetadata().getNamespace()).resource(vs).update();
  }

  /** Whether the snapshot can be restored from: {@code status.readyToUse} is true. */
  public static boolean readyToUse(GenericKubernetesResource vs) {
    return Boolean.TRUE.equals(status(vs).get("readyToUse"));
  }

  /** Volsync's readiness: bound to a content, and not explicitly unready. */
  public static boolean ready(GenericKubernetesResource vs) {
    Map<String, Object> status = status(vs);
    Object bound = status.get("boundVolumeSnapshotContentName");
    Object ready = status.get("readyToUse");
    return bound != null && !bound.toString().isEmpty() && !Boolean.FALSE.equals(ready);
  }

  /** The snapshot's {@code status.restoreSize}, or null. */
  public static Quantity restoreSize(GenericKubernetesResource vs) {
    Object size = status(vs).get("restoreSize");
    return size == null ? null : new Quantity(size.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource vs) {
    Object s = vs.getAdditionalProperties().get("status");
    return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
