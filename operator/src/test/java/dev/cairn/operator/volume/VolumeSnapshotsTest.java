package dev.cairn.operator.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSI VolumeSnapshots and VolumeSnapshotClasses as generic resources, on fabric8's mock API
 * server: what a created snapshot asks for, the class check and its messages, and Volsync's
 * readiness rule (bound to a content, {@code readyToUse} not false; volsync-reference.md 3.4).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class VolumeSnapshotsTest {
  private static final String NS = "apps";
  private static final OwnerReference OWNER = new OwnerReferenceBuilder()
      .withApiVersion("volsync.backube/v1alpha1").withKind("ReplicationSource").withName("app")
      .withUid("uid-1").withController(true).build();
  private static final Map<String, String> LABELS = Map.of("volsync.backube/cleanup", "uid-1");

  KubernetesClient client;
  VolumeSnapshots snapshots;

  @BeforeEach
  void setUp() {
    snapshots = new VolumeSnapshots(client);
  }

  private void snapshotClass(String name, String isDefault) {
    GenericKubernetesResourceBuilder b = new GenericKubernetesResourceBuilder()
        .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshotClass")
        .withNewMetadata().withName(name)
        .withAnnotations(isDefault == null ? null
            : Map.of("snapshot.storage.kubernetes.io/is-default-class", isDefault))
        .endMetadata();
    GenericKubernetesResource c = b.build();
    c.setAdditionalProperty("driver", "rbd.csi.ceph.com");
    c.setAdditionalProperty("deletionPolicy", "Delete");
    client.genericKubernetesResources(VolumeSnapshots.CLASS).resource(c).create();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource vs) {
    return (Map<String, Object>) vs.getAdditionalProperties().get("spec");
  }

  @Test
  void aSnapshotOfAClaimWithAClass() {
    snapshots.create(NS, "volsync-app-src", "data", "csi-ceph-blockpool", LABELS, OWNER);
    GenericKubernetesResource vs = snapshots.get(NS, "volsync-app-src");
    assertThat(vs.getApiVersion()).isEqualTo("snapshot.storage.k8s.io/v1");
    assertThat(vs.getKind()).isEqualTo("VolumeSnapshot");
    assertThat(vs.getMetadata().getLabels()).isEqualTo(LABELS);
    assertThat(vs.getMetadata().getOwnerReferences()).containsExactly(OWNER);
    assertThat(spec(vs)).isEqualTo(Map.of("source", Map.of("persistentVolumeClaimName", "data"),
        "volumeSnapshotClassName", "csi-ceph-blockpool"));
  }

  @Test
  void withoutAClassTheSnapshotNamesNone() {
    GenericKubernetesResource vs = snapshots.create(NS, "s", "data", null, LABELS, OWNER);
    assertThat(spec(vs)).isEqualTo(Map.of("source", Map.of("persistentVolumeClaimName",
        "data")));
    assertThat(spec(snapshots.get(NS, "s"))).doesNotContainKey("volumeSnapshotClassName");
  }

  @Test
  void aMissingSnapshotIsNull() {
    assertThat(snapshots.get(NS, "nothing")).isNull();
  }

  @Test
  void deleteRemovesTheSnapshotAndToleratesItsAbsence() {
    snapshots.create(NS, "s", "data", null, LABELS, OWNER);
    snapshots.delete(NS, "s");
    assertThat(snapshots.get(NS, "s")).isNull();
    snapshots.delete(NS, "s");
  }

  @Test
  void labelledFindsTheSnapshotsOfOneOwnerInOneNamespace() {
    snapshots.create(NS, "a", "data", null, LABELS, OWNER);
    snapshots.create(NS, "b", "data", null, Map.of("volsync.backube/cleanup", "uid-2"), OWNER);
    snapshots.create("other", "c", "data", null, LABELS, OWNER);
    assertThat(snapshots.labelled(NS, "volsync.backube/cleanup", "uid-1"))
        .extracting(vs -> vs.getMetadata().getName()).containsExactly("a");
    assertThat(snapshots.labelled(NS, "volsync.backube/do-not-delete", "true")).isEmpty();
  }

  @Test
  void aNamedClassThatExistsPasses() {
    snapshotClass("csi-ceph-blockpool", null);
    snapshots.requireClass("csi-ceph-blockpool");
  }

  @Test
  void aNamedClassThatDoesNotExistIsASpecErrorNamingIt() {
    snapshotClass("other", "true");
    assertThatThrownBy(() -> snapshots.requireClass("csi-ceph-blockpool"))
        .isInstanceOf(SpecException.class)
        .hasMessage("VolumeSnapshotClass csi-ceph-blockpool not found");
  }

  @Test
  void noClassNeedsTheClustersDefault() {
    snapshotClass("plain", null);
    snapshotClass("slow", "false");
    snapshotClass("fast", "true");
    snapshots.requireClass(null);
  }

  @Test
  void noClassAndNoDefaultIsASpecErrorSayingSo() {
    snapshotClass("plain", null);
    snapshotClass("slow", "false");
    assertThatThrownBy(() -> snapshots.requireClass(null)).isInstanceOf(SpecException.class)
        .hasMessage("no volumeSnapshotClassName given and the cluster has no default"
            + " VolumeSnapshotClass (annotation"
            + " snapshot.storage.kubernetes.io/is-default-class=true)");
  }

  @Test
  void noClassesAtAllIsTheSameError() {
    assertThatThrownBy(() -> snapshots.requireClass(null)).isInstanceOf(SpecException.class)
        .hasMessageContaining("has no default VolumeSnapshotClass");
  }

  private static GenericKubernetesResource withStatus(Object bound, Object readyToUse,
      Object restoreSize) {
    GenericKubernetesResource vs = new GenericKubernetesResourceBuilder()
        .withNewMetadata().withName("s").endMetadata().build();
    Map<String, Object> status = new HashMap<>();
    if (bound != null) {
      status.put("boundVolumeSnapshotContentName", bound);
    }
    if (readyToUse != null) {
      status.put("readyToUse", readyToUse);
    }
    if (restoreSize != null) {
      status.put("restoreSize", restoreSize);
    }
    vs.setAdditionalProperty("status", status);
    return vs;
  }

  @Test
  void boundAndReadyIsReady() {
    assertThat(VolumeSnapshots.ready(withStatus("snapcontent-1", true, null))).isTrue();
  }

  @Test
  void boundWithReadinessUnknownIsReadyAsInVolsync() {
    assertThat(VolumeSnapshots.ready(withStatus("snapcontent-1", null, null))).isTrue();
  }

  @Test
  void explicitlyUnreadyIsNotReady() {
    assertThat(VolumeSnapshots.ready(withStatus("snapcontent-1", false, null))).isFalse();
  }

  @Test
  void notBoundIsNotReadyWhateverItSays() {
    assertThat(VolumeSnapshots.ready(withStatus(null, true, null))).isFalse();
    assertThat(VolumeSnapshots.ready(withStatus("", true, null))).isFalse();
    assertThat(VolumeSnapshots.ready(withStatus(null, null, null))).isFalse();
    assertThat(VolumeSnapshots.ready(snapshotWithoutStatus())).isFalse();
  }

  private GenericKubernetesResource snapshotWithoutStatus() {
    return snapshots.create(NS, "fresh", "data", null, LABELS, OWNER);
  }

  @Test
  void theRestoreSizeIsAQuantity() {
    assertThat(VolumeSnapshots.restoreSize(withStatus("c", true, "10Gi")))
        .isEqualTo(new Quantity("10Gi"));
    assertThat(VolumeSnapshots.restoreSize(withStatus("c", true, null))).isNull();
    assertThat(VolumeSnapshots.restoreSize(snapshotWithoutStatus())).isNull();
  }

  @Test
  void aStatusWrittenByTheSnapshotControllerIsRead() {
    GenericKubernetesResource vs = snapshots.create(NS, "s", "data", null, LABELS, OWNER);
    vs.setAdditionalProperty("status", Map.of("boundVolumeSnapshotContentName",
        "snapcontent-1", "readyToUse", true, "restoreSize", "5Gi"));
    client.genericKubernetesResources(VolumeSnapshots.SNAPSHOT).inNamespace(NS).resource(vs)
        .update();
    GenericKubernetesResource read = snapshots.get(NS, "s");
    assertThat(VolumeSnapshots.ready(read)).isTrue();
    assertThat(VolumeSnapshots.restoreSize(read)).isEqualTo(new Quantity("5Gi"));
  }
}
