package dev.cairn.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.api.v1alpha1.MoverStatus;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.api.v1alpha1.ReplicationSourceStatus;
import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import dev.cairn.operator.api.v1alpha1.ResticDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import dev.cairn.operator.api.v1alpha1.ResticSourceStatus;
import dev.cairn.operator.api.v1alpha1.RunPlan;
import dev.cairn.operator.api.v1alpha1.SyncResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Volsync's manifests through an API server (fabric8's mock, CRUD mode, with Cairn's CRDs
 * installed): created untyped from YAML, they read back as the typed model with every field
 * kept, and a status with Cairn's fields survives the status subresource.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class MockApiRoundTripTest {
  private static final String NS = "apps";

  KubernetesClient client;

  @BeforeEach
  void installCrds() {
    for (var resource : List.of(ReplicationSource.class, ReplicationDestination.class)) {
      client.apiextensions().v1().customResourceDefinitions()
          .load(CrdFiles.committedDir().resolve(CrdFiles.fileName(resource)).toFile()).create();
    }
  }

  /** Creates a test resource from its YAML, untyped, as kubectl would; returns its manifest. */
  private JsonNode apply(String resource) {
    JsonNode manifest = VolsyncManifestTest.manifest(resource);
    String plural = manifest.get("kind").asText().toLowerCase(Locale.ROOT) + "s";
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
        .withName(plural + ".volsync.backube").get();
    client.genericKubernetesResources(CustomResourceDefinitionContext.fromCrd(crd))
        .inNamespace(NS).resource(serialization().convertValue(manifest,
            GenericKubernetesResource.class)).create();
    return manifest;
  }

  private KubernetesSerialization serialization() {
    return client.getKubernetesSerialization();
  }

  private ReplicationSource source(String name) {
    return client.resources(ReplicationSource.class).inNamespace(NS).withName(name).get();
  }

  private ReplicationDestination destination(String name) {
    return client.resources(ReplicationDestination.class).inNamespace(NS).withName(name).get();
  }

  /** JSON with numbers in their shortest form, so that 1000 read as a long equals 1000. */
  private JsonNode normalized(Object value) {
    return serialization().unmarshal(serialization().asJson(value), JsonNode.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {VolsyncManifestTest.SEED_SOURCE, VolsyncManifestTest.SEED_DESTINATION,
      VolsyncManifestTest.FULL_SOURCE, VolsyncManifestTest.FULL_DESTINATION,
      VolsyncManifestTest.RSYNC_SOURCE})
  void theTypedModelKeepsEverySpecField(String resource) {
    JsonNode manifest = apply(resource);
    String name = manifest.get("metadata").get("name").asText();
    HasMetadata typed = manifest.get("kind").asText().equals("ReplicationSource")
        ? source(name) : destination(name);
    Object spec = typed instanceof ReplicationSource rs ? rs.getSpec()
        : ((ReplicationDestination) typed).getSpec();
    assertThat(normalized(spec)).isEqualTo(normalized(manifest.get("spec")));
  }

  @Test
  void theSeedSourceReadsAsWritten() {
    apply(VolsyncManifestTest.SEED_SOURCE);
    ReplicationSource rs = source("app");
    assertThat(rs.getSpec().sourcePVC()).isEqualTo("app");
    assertThat(rs.getSpec().trigger().schedule()).isEqualTo("0 * * * *");
    ResticSourceSpec restic = rs.getSpec().restic();
    assertThat(CopyMethod.of(restic.copyMethod())).isEqualTo(CopyMethod.Snapshot);
    assertThat(restic.pruneIntervalDays()).isEqualTo(7);
    assertThat(restic.repository()).isEqualTo("app-volsync-secret");
    assertThat(restic.volumeSnapshotClassName()).isEqualTo("csi-ceph-blockpool");
    assertThat(restic.retain().hourly()).isEqualTo(24);
    assertThat(restic.retain().daily()).isEqualTo(7);
    assertThat(restic.retain().last()).isNull();
  }

  @Test
  void theSeedDestinationReadsAsWritten() {
    apply(VolsyncManifestTest.SEED_DESTINATION);
    ReplicationDestination rd = destination("app-dst");
    assertThat(rd.getSpec().trigger().manual()).isEqualTo("restore-once");
    ResticDestinationSpec restic = rd.getSpec().restic();
    assertThat(CopyMethod.of(restic.copyMethod())).isEqualTo(CopyMethod.Snapshot);
    assertThat(restic.capacity()).isEqualTo(new Quantity("5Gi"));
    assertThat(Quantity.getAmountInBytes(restic.capacity()).longValueExact())
        .isEqualTo(5L << 30);
    assertThat(restic.enableFileDeletion()).isTrue();
  }

  @Test
  void retainLastStaysAStringAndMoverConfigIsTyped() {
    apply(VolsyncManifestTest.FULL_SOURCE);
    ResticSourceSpec restic = source("database").getSpec().restic();
    assertThat(restic.retain().last()).isEqualTo("10");
    assertThat(restic.retain().within()).isEqualTo("3w15h");
    assertThat(restic.cacheCapacity()).isEqualTo(new Quantity("2Gi"));
    assertThat(restic.moverSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(restic.moverResources().getRequests()).containsEntry("cpu", new Quantity("100m"));
    assertThat(restic.moverVolumes().get(0).volumeSource().nfs().getServer())
        .isEqualTo("nfs.example.com");
    assertThat(restic.customCA().isSet()).isTrue();
  }

  @Test
  void anotherMoversSpecIsKeptAsAMap() {
    apply(VolsyncManifestTest.RSYNC_SOURCE);
    Map<String, Object> rsync = source("files").getSpec().rsync();
    assertThat(rsync).containsEntry("sshKeys", "files-rsync-keys").containsEntry("port", 2222)
        .containsEntry("accessModes", List.of("ReadWriteOnce"))
        .containsEntry("moverResources", Map.of("requests", Map.of("cpu", "50m")));
    assertThat(source("files").getSpec().restic()).isNull();
  }

  @Test
  void aSourceStatusWithCairnsFieldsSurvivesUpdateStatus() {
    apply(VolsyncManifestTest.SEED_SOURCE);
    ReplicationSource rs = source("app");
    ReplicationSourceStatus status = new ReplicationSourceStatus("2024-05-01T12:01:05Z", null,
        "1m5.2s", "2024-05-01T13:00:00Z", null,
        new MoverStatus(MoverStatus.SUCCESSFUL, "snapshot 1a2b3c4d saved"),
        List.of(condition()), new ResticSourceStatus("2024-04-28T12:00:00Z", null),
        new SyncResult("ok", "backup saved snapshot 1a2b3c4d", "2024-05-01T12:01:04Z",
            "1a2b3c4d", null, 1024L, 3L, 1L, 0L, null, null, 4096L),
        null, 0);
    assertThat(CrdSchema.load(CrdFiles.committedDir().resolve(
        CrdFiles.fileName(ReplicationSource.class))).validate(Map.of("status", status)))
        .isEmpty();
    rs.setStatus(status);
    client.resource(rs).updateStatus();
    ReplicationSource read = source("app");
    assertThat(read.getStatus()).isEqualTo(status);
    assertThat(read.getSpec()).isEqualTo(rs.getSpec());
  }

  @Test
  void aDestinationStatusWithCairnsFieldsSurvivesPatchStatus() {
    apply(VolsyncManifestTest.SEED_DESTINATION);
    ReplicationDestination rd = destination("app-dst");
    ReplicationDestinationStatus status = new ReplicationDestinationStatus(null,
        "2024-05-01T12:00:00Z", null, null, null,
        new TypedLocalObjectReference("snapshot.storage.k8s.io", "VolumeSnapshot",
            "volsync-app-dst-dest-20240501120000"),
        null, List.of(condition()),
        new ResticDestinationStatus("1a2b3c4d", "2024-05-01T11:00:02.123456789+02:00"),
        new SyncResult("ok", "restored", "2024-05-01T12:00:59Z", "1a2b3c4d",
            "2024-05-01T11:00:02.123456789+02:00", null, null, null, null, 12L, 4096L, null),
        new RunPlan(List.of("restore"), 2, "volsync-dst-app-dst", "2024-05-01T12:05:00Z", null),
        1);
    assertThat(CrdSchema.load(CrdFiles.committedDir().resolve(
        CrdFiles.fileName(ReplicationDestination.class))).validate(Map.of("status", status)))
        .isEmpty();
    rd.setStatus(status);
    client.resource(rd).patchStatus();
    assertThat(destination("app-dst").getStatus()).isEqualTo(status);
  }

  private static Condition condition() {
    return new ConditionBuilder().withType("Synchronizing").withStatus("False")
        .withReason("WaitingForSchedule").withMessage("Waiting for next scheduled synchronization")
        .withLastTransitionTime("2024-05-01T12:01:05Z").build();
  }
}
