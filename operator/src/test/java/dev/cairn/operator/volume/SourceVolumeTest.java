package dev.cairn.operator.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The point-in-time copy of a source volume per {@code copyMethod} (volsync-reference.md 3.4), on
 * fabric8's mock API server: what is created, with which size, class, access modes and labels,
 * and when it is ready.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SourceVolumeTest {
  private static final String NS = "apps";
  private static final String COPY = "volsync-app-src";
  private static final OwnerReference OWNER = new OwnerReferenceBuilder()
      .withApiVersion("volsync.backube/v1alpha1").withKind("ReplicationSource").withName("app")
      .withUid("uid-1").withController(true).withBlockOwnerDeletion(true).build();
  private static final Map<String, String> LABELS = Map.of("volsync.backube/cleanup", "uid-1",
      "app.kubernetes.io/created-by", "volsync");
  private static final ResticSourceSpec SNAPSHOT = spec("Snapshot", null, null, null, "csi-rbd");

  KubernetesClient client;

  private static ResticSourceSpec spec(String copyMethod, String capacity, String storageClass,
      List<String> accessModes, String snapshotClass) {
    return new ResticSourceSpec(copyMethod, capacity == null ? null : new Quantity(capacity),
        storageClass, accessModes, snapshotClass, null, "app-volsync-secret", null, null, null,
        null, null, null, null, null, null, null, null, null);
  }

  /** The application's volume: asked for 5Gi, got {@code actual}, class "standard", RWO. */
  private void source(String actual) {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(NS).resource(
        new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("standard")
            .withVolumeMode("Filesystem").withNewResources()
            .addToRequests("storage", new Quantity("5Gi")).endResources().endSpec().build())
        .create();
    if (actual != null) {
      pvc.setStatus(new PersistentVolumeClaimStatusBuilder()
          .withPhase("Bound").withCapacity(Map.of("storage", new Quantity(actual))).build());
      client.persistentVolumeClaims().inNamespace(NS).resource(pvc).updateStatus();
    }
  }

  private Ensured<PersistentVolumeClaim> ensure(ResticSourceSpec spec) {
    return new SourceVolume(client).ensure(NS, "data", COPY, spec, LABELS, OWNER);
  }

  private PersistentVolumeClaim copy() {
    return client.persistentVolumeClaims().inNamespace(NS).withName(COPY).get();
  }

  private static PersistentVolumeClaim ready(Ensured<PersistentVolumeClaim> e) {
    assertThat(e).isInstanceOf(Ensured.Ready.class);
    return ((Ensured.Ready<PersistentVolumeClaim>) e).value();
  }

  private static String waiting(Ensured<PersistentVolumeClaim> e) {
    assertThat(e).isInstanceOf(Ensured.Waiting.class);
    return ((Ensured.Waiting<PersistentVolumeClaim>) e).reason();
  }

  @Test
  void aMissingSourceIsASpecErrorNamingIt() {
    assertThatThrownBy(() -> new SourceVolume(client).source(NS, "data"))
        .isInstanceOf(SpecException.class).hasMessage("PersistentVolumeClaim data not found");
    assertThatThrownBy(() -> ensure(spec("Snapshot", null, null, null, null)))
        .isInstanceOf(SpecException.class).hasMessage("PersistentVolumeClaim data not found");
    assertThat(new VolumeSnapshots(client).get(NS, COPY)).isNull();
  }

  @Test
  void directIsTheSourceItself() {
    source("5Gi");
    for (String method : new String[] {null, "", "Direct", "None"}) {
      assertThat(ready(ensure(spec(method, null, null, null, null))).getMetadata().getName())
          .as(method).isEqualTo("data");
    }
    assertThat(copy()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"8Gi,8Gi", ",5Gi"})
  void aCloneCopiesTheSourcesClassModesAndActualSizeElseRequest(String actual, String size) {
    source(actual);
    ready(ensure(spec("Clone", null, null, null, null)));
    PersistentVolumeClaim c = copy();
    assertThat(Claims.bound(c)).as("WaitForFirstConsumer: the mover binds it").isFalse();
    assertThat(c.getSpec().getDataSource()).isEqualTo(
        new TypedLocalObjectReference(null, "PersistentVolumeClaim", "data"));
    assertThat(Claims.requested(c)).isEqualTo(new Quantity(size));
    assertThat(c.getSpec().getStorageClassName()).isEqualTo("standard");
    assertThat(c.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(c.getSpec().getVolumeMode()).isEqualTo("Filesystem");
    assertThat(c.getMetadata().getLabels()).isEqualTo(LABELS);
    assertThat(c.getMetadata().getOwnerReferences()).containsExactly(OWNER);
  }

  @Test
  void theSpecOverridesSizeClassAndModes() {
    source("8Gi");
    ensure(spec("Clone", "20Gi", "fast", List.of("ReadWriteMany"), null));
    PersistentVolumeClaim c = copy();
    assertThat(Claims.requested(c)).isEqualTo(new Quantity("20Gi"));
    assertThat(c.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(c.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
  }

  @Test
  void anExistingCloneIsKeptAsItIs() {
    source("8Gi");
    ensure(spec("Clone", null, null, null, null));
    PersistentVolumeClaim c = copy();
    c.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
    client.persistentVolumeClaims().inNamespace(NS).resource(c).updateStatus();
    // a changed spec does not touch an existing copy
    PersistentVolumeClaim r = ready(ensure(spec("Clone", "20Gi", null, null, null)));
    assertThat(r.getMetadata().getName()).isEqualTo(COPY);
    assertThat(Claims.requested(r)).isEqualTo(new Quantity("8Gi"));
    assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).hasSize(2);
  }

  /** Deletes the copy while a finalizer holds it: it stays, with a deletion timestamp. */
  private void deleteHeld(boolean snapshot) {
    var r = snapshot
        ? client.genericKubernetesResources(VolumeSnapshots.SNAPSHOT).inNamespace(NS)
            .withName(COPY)
        : client.persistentVolumeClaims().inNamespace(NS).withName(COPY);
    r.edit(o -> {
      o.getMetadata().setFinalizers(List.of("cairn.dev/test-hold"));
      return o;
    });
    r.delete();
    assertThat(r.get().getMetadata().getDeletionTimestamp()).isNotNull();
  }

  @Test
  void aCloneStillBeingDeletedIsWaitedFor() {
    source("8Gi");
    ensure(spec("Clone", null, null, null, null));
    deleteHeld(false);
    assertThat(waiting(ensure(spec("Clone", null, null, null, null))))
        .isEqualTo("the previous clone " + COPY + " is still being deleted");
  }

  private void snapshotClass(String name, Map<String, String> annotations) {
    GenericKubernetesResource c = new GenericKubernetesResourceBuilder()
        .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshotClass")
        .withNewMetadata().withName(name).withAnnotations(annotations).endMetadata().build();
    client.genericKubernetesResources(VolumeSnapshots.CLASS).resource(c).create();
  }

  /** What the snapshot controller writes. */
  private void snapshotStatus(Map<String, Object> status) {
    GenericKubernetesResource vs = new VolumeSnapshots(client).get(NS, COPY);
    vs.setAdditionalProperty("status", status);
    client.genericKubernetesResources(VolumeSnapshots.SNAPSHOT).inNamespace(NS).resource(vs)
        .update();
  }

  @Test
  void aSnapshotOfAMissingClassIsASpecErrorAndNothingIsCreated() {
    source("8Gi");
    assertThatThrownBy(() -> ensure(SNAPSHOT)).isInstanceOf(SpecException.class)
        .hasMessage("VolumeSnapshotClass csi-rbd not found");
    assertThat(new VolumeSnapshots(client).get(NS, COPY)).isNull();
    assertThat(copy()).isNull();
  }

  @Test
  void aSnapshotIsTakenThenWaitedForBeforeAnyClaim() {
    source("8Gi");
    snapshotClass("csi-rbd", null);
    assertThat(waiting(ensure(SNAPSHOT))).isEqualTo("VolumeSnapshot " + COPY + " to be ready");
    GenericKubernetesResource vs = new VolumeSnapshots(client).get(NS, COPY);
    assertThat(vs.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
        "source", Map.of("persistentVolumeClaimName", "data"),
        "volumeSnapshotClassName", "csi-rbd"));
    assertThat(vs.getMetadata().getLabels()).isEqualTo(LABELS);
    assertThat(vs.getMetadata().getOwnerReferences()).containsExactly(OWNER);
    assertThat(copy()).isNull();

    snapshotStatus(Map.of("boundVolumeSnapshotContentName", "snapcontent-1",
        "readyToUse", false));
    assertThat(waiting(ensure(SNAPSHOT))).isEqualTo("VolumeSnapshot " + COPY + " to be ready");
    assertThat(copy()).isNull();
  }

  @Test
  void aReadySnapshotGivesAClaimAtItsRestoreSizeReadyAtOnce() {
    source("8Gi");
    snapshotClass("csi-rbd", null);
    ensure(SNAPSHOT);
    snapshotStatus(Map.of("boundVolumeSnapshotContentName", "snapcontent-1",
        "readyToUse", true, "restoreSize", "6Gi"));
    PersistentVolumeClaim c = ready(ensure(SNAPSHOT));
    assertThat(c.getMetadata().getName()).isEqualTo(COPY);
    assertThat(Claims.bound(c)).as("WaitForFirstConsumer: the mover binds it").isFalse();
    assertThat(c.getSpec().getDataSource()).isEqualTo(new TypedLocalObjectReference(
        "snapshot.storage.k8s.io", "VolumeSnapshot", COPY));
    assertThat(Claims.requested(c)).isEqualTo(new Quantity("6Gi"));
    assertThat(c.getSpec().getStorageClassName()).isEqualTo("standard");
    assertThat(c.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(c.getSpec().getVolumeMode()).isEqualTo("Filesystem");
    assertThat(c.getMetadata().getLabels()).isEqualTo(LABELS);
    assertThat(c.getMetadata().getOwnerReferences()).containsExactly(OWNER);
  }

  @ParameterizedTest
  @CsvSource({"8Gi,8Gi", ",5Gi"})
  void withoutRestoreSizeTheClaimHasTheSourcesActualSizeThenItsRequest(String actual,
      String expected) {
    source(actual);
    snapshotClass("csi-rbd", null);
    ensure(SNAPSHOT);
    snapshotStatus(Map.of("boundVolumeSnapshotContentName", "snapcontent-1"));
    assertThat(Claims.requested(ready(ensure(SNAPSHOT)))).isEqualTo(new Quantity(expected));
  }

  @Test
  void theSpecOverridesTheRestoreSizeClassAndModes() {
    source("8Gi");
    ResticSourceSpec spec = spec("Snapshot", "30Gi", "fast", List.of("ReadOnlyMany"), null);
    snapshotClass("default", Map.of("snapshot.storage.kubernetes.io/is-default-class", "true"));
    new SourceVolume(client).ensure(NS, "data", COPY, spec, LABELS, OWNER);
    assertThat(new VolumeSnapshots(client).get(NS, COPY).getAdditionalProperties().get("spec"))
        .isEqualTo(Map.of("source", Map.of("persistentVolumeClaimName", "data")));
    snapshotStatus(Map.of("boundVolumeSnapshotContentName", "c", "restoreSize", "6Gi"));
    PersistentVolumeClaim c = ready(new SourceVolume(client).ensure(NS, "data", COPY, spec,
        LABELS, OWNER));
    assertThat(Claims.requested(c)).isEqualTo(new Quantity("30Gi"));
    assertThat(c.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(c.getSpec().getAccessModes()).containsExactly("ReadOnlyMany");
    assertThat(SourceVolume.readOnly(c)).isTrue();
  }

  @Test
  void anExistingSnapshotNeedsNoClassAnyMore() {
    source("8Gi");
    snapshotClass("csi-rbd", null);
    ensure(SNAPSHOT);
    client.genericKubernetesResources(VolumeSnapshots.CLASS).withName("csi-rbd").delete();
    snapshotStatus(Map.of("boundVolumeSnapshotContentName", "c", "readyToUse", true));
    assertThat(ready(ensure(SNAPSHOT)).getMetadata().getName()).isEqualTo(COPY);
    assertThat(ready(ensure(SNAPSHOT)).getMetadata().getName()).isEqualTo(COPY);
    assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).hasSize(2);
  }

  @Test
  void aSnapshotStillBeingDeletedIsWaitedFor() {
    source("8Gi");
    snapshotClass("csi-rbd", null);
    ensure(SNAPSHOT);
    deleteHeld(true);
    assertThat(waiting(ensure(SNAPSHOT)))
        .isEqualTo("the previous VolumeSnapshot " + COPY + " is still being deleted");
  }

  @Test
  void aClaimFromASnapshotStillBeingDeletedIsWaitedFor() {
    source("8Gi");
    snapshotClass("csi-rbd", null);
    ensure(SNAPSHOT);
    snapshotStatus(Map.of("boundVolumeSnapshotContentName", "c", "readyToUse", true));
    ensure(SNAPSHOT);
    deleteHeld(false);
    assertThat(waiting(ensure(SNAPSHOT)))
        .isEqualTo("the previous PersistentVolumeClaim " + COPY + " is still being deleted");
  }

  @Test
  void onlyAReadOnlyManyClaimIsMountedReadOnly() {
    for (var modes : List.of(List.of("ReadOnlyMany"), List.of("ReadOnlyMany", "ReadWriteOnce"),
        List.of("ReadWriteOnce"), List.<String>of())) {
      assertThat(SourceVolume.readOnly(new PersistentVolumeClaimBuilder().withNewSpec()
          .withAccessModes(modes).endSpec().build())).as(modes.toString())
          .isEqualTo(modes.equals(List.of("ReadOnlyMany")));
    }
    assertThat(SourceVolume.readOnly(new PersistentVolumeClaim())).isFalse();
  }
}
