package dev.cairn.e2e;

import static dev.cairn.e2e.DeployBundle.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: {@code kubectl kustomize} renders {@code deploy/}, {@code deploy/monitoring/} and
 * the example application with the backup component; Flux's substitution gives the seed's
 * defaults or the application's overrides; every rendered object validates against its kind's
 * schema ({@link ManifestCheck}).
 */
class DeployRenderTest {
  static final Map<String, String> APP = Map.of("APP", "notes");

  @Test
  void theOperatorBundleRendersAndValidates() throws Exception {
    List<ObjectNode> objects = new DeployBundle().render(".");
    assertThat(DeployBundle.names(objects)).containsExactlyInAnyOrder(
        "CustomResourceDefinition/replicationsources.volsync.backube",
        "CustomResourceDefinition/replicationdestinations.volsync.backube",
        "Namespace/volsync-system", "ServiceAccount/cairn-operator",
        "ClusterRole/cairn-operator", "ClusterRoleBinding/cairn-operator",
        "ClusterRole/cairn-operator-restore-pvc", "ClusterRoleBinding/cairn-operator-restore-pvc",
        "Role/cairn-operator-leader-election", "RoleBinding/cairn-operator-leader-election",
        "Deployment/cairn-operator", "Service/cairn-operator-metrics");
    assertValid(objects);

    JsonNode pod = find(objects, "Deployment", "cairn-operator").at("/spec/template/spec");
    JsonNode c = pod.at("/containers/0");
    assertThat(c.at("/args/0").asText()).isEqualTo("operator");
    assertThat(c.at("/image").asText()).isEqualTo("cairn:0.1.0");
    assertThat(env(c, "RELATED_IMAGE_RESTIC_CONTAINER")).isEqualTo("cairn:0.1.0");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);
    assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(c.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
    assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("cairn-operator");
    assertThat(find(objects, "Role", "cairn-operator-leader-election")
        .at("/metadata/namespace").asText()).isEqualTo("volsync-system");
    assertThat(find(objects, "ClusterRoleBinding", "cairn-operator")
        .at("/subjects/0/namespace").asText()).isEqualTo("volsync-system");
  }

  @Test
  void monitoringRendersAndValidates() throws Exception {
    List<ObjectNode> objects = new DeployBundle().render("monitoring");
    assertThat(DeployBundle.names(objects)).containsExactlyInAnyOrder(
        "ServiceMonitor/cairn-operator", "PrometheusRule/cairn", "ConfigMap/cairn-dashboard");
    assertValid(objects);
    assertThat(find(objects, "ConfigMap", "cairn-dashboard")
        .at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
  }

  @Test
  void theExampleGetsTheSeedsDefaults() throws Exception {
    List<ObjectNode> objects = new DeployBundle().render("examples/app", APP);
    assertThat(DeployBundle.names(objects)).containsExactlyInAnyOrder("Namespace/notes",
        "PersistentVolumeClaim/notes", "Deployment/notes", "ExternalSecret/notes-volsync",
        "ReplicationSource/notes", "PersistentVolumeClaim/volsync-src-notes-cache",
        "ReplicationDestination/notes-dst");
    assertValid(objects);

    JsonNode rs = find(objects, "ReplicationSource", "notes").get("spec");
    assertThat(rs.at("/sourcePVC").asText()).isEqualTo("notes");
    assertThat(rs.at("/trigger/schedule").asText()).isEqualTo("0 * * * *");
    JsonNode restic = rs.get("restic");
    assertThat(restic.at("/copyMethod").asText()).isEqualTo("Snapshot");
    assertThat(restic.at("/repository").asText()).isEqualTo("notes-volsync-secret");
    assertThat(restic.at("/volumeSnapshotClassName").asText()).isEqualTo("csi-ceph-blockpool");
    assertThat(restic.at("/pruneIntervalDays").asInt()).isEqualTo(7);
    assertThat(restic.at("/retain/hourly").asInt()).isEqualTo(24);
    assertThat(restic.at("/retain/daily").asInt()).isEqualTo(7);
    assertThat(restic.at("/moverSecurityContext/runAsUser").isInt()).isTrue();
    assertThat(restic.at("/moverSecurityContext/runAsUser").asInt()).isEqualTo(1000);
    assertThat(restic.at("/moverSecurityContext/fsGroup").asInt()).isEqualTo(1000);

    JsonNode rd = find(objects, "ReplicationDestination", "notes-dst").get("spec");
    assertThat(rd.at("/trigger/manual").asText()).isEqualTo("restore-once");
    assertThat(rd.at("/restic/capacity").asText()).isEqualTo("5Gi");
    assertThat(rd.at("/restic/enableFileDeletion").asBoolean()).isTrue();
    assertThat(rd.at("/restic/repository").asText()).isEqualTo("notes-volsync-secret");

    JsonNode es = find(objects, "ExternalSecret", "notes-volsync").get("spec");
    assertThat(es.at("/secretStoreRef/kind").asText()).isEqualTo("ClusterSecretStore");
    assertThat(es.at("/secretStoreRef/name").asText()).isEqualTo("vault");
    assertThat(es.at("/target/name").asText()).isEqualTo("notes-volsync-secret");
    assertThat(es.at("/target/template/data").fieldNames()).toIterable().containsExactlyInAnyOrder(
        "RESTIC_REPOSITORY", "RESTIC_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    assertThat(es.at("/dataFrom/0/extract/key").asText()).isEqualTo("ucos/notes-volsync");
    assertThat(objects).allSatisfy(o ->
        assertThat(o.path("metadata").path("namespace").asText("notes")).isEqualTo("notes"));
  }

  @Test
  void theApplicationsVariablesOverrideTheDefaults() throws Exception {
    List<ObjectNode> objects = new DeployBundle().render("examples/app", Map.of("APP", "notes",
        "VOLSYNC_SOURCE_PVC", "notes-data", "VOLSYNC_COPYMETHOD", "Clone",
        "VOLSYNC_CAPACITY", "20Gi", "VOLSYNC_PUID", "568", "VOLSYNC_PGID", "569",
        "VOLSYNC_VAULT_KEY", "backups/notes"));
    assertValid(objects);
    JsonNode restic = find(objects, "ReplicationSource", "notes").get("spec");
    assertThat(restic.at("/sourcePVC").asText()).isEqualTo("notes-data");
    assertThat(restic.at("/restic/copyMethod").asText()).isEqualTo("Clone");
    assertThat(restic.at("/restic/moverSecurityContext/runAsUser").asInt()).isEqualTo(568);
    assertThat(restic.at("/restic/moverSecurityContext/runAsGroup").asInt()).isEqualTo(569);
    JsonNode rd = find(objects, "ReplicationDestination", "notes-dst").get("spec");
    assertThat(rd.at("/restic/capacity").asText()).isEqualTo("20Gi");
    assertThat(rd.at("/restic/moverSecurityContext/fsGroup").asInt()).isEqualTo(569);
    assertThat(find(objects, "ExternalSecret", "notes-volsync")
        .at("/spec/dataFrom/0/extract/key").asText()).isEqualTo("backups/notes");
  }

  @Test
  void thePlainSecretVariantMakesTheRepositorySecret() throws Exception {
    var bundle = new DeployBundle();
    List<ObjectNode> objects = bundle.render("components/volsync-secret", Map.of("APP", "notes",
        "VOLSYNC_RESTIC_REPOSITORY", "s3:https://objects.example/backups/notes",
        "VOLSYNC_RESTIC_PASSWORD", "pw", "VOLSYNC_AWS_ACCESS_KEY_ID", "id",
        "VOLSYNC_AWS_SECRET_ACCESS_KEY", "key"));
    assertThat(DeployBundle.names(objects)).containsExactlyInAnyOrder(
        "Secret/notes-volsync-secret", "ReplicationSource/notes",
        "PersistentVolumeClaim/volsync-src-notes-cache", "ReplicationDestination/notes-dst");
    assertValid(objects);
    assertThat(find(objects, "Secret", "notes-volsync-secret").get("stringData")).hasSize(4);
    // without APP (a required variable), substitution refuses, as Flux's strict mode does
    assertThatThrownBy(() -> bundle.render("components/volsync", Map.of()))
        .hasMessageContaining("variable APP is not set");
  }

  @Test
  void aMisspeltFieldOrAStringNumberIsRefused() throws Exception {
    List<ObjectNode> objects = new DeployBundle().render("examples/app", APP);
    ObjectNode deployment = find(objects, "Deployment", "notes").deepCopy();
    ((ObjectNode) deployment.at("/spec/template/spec")).put("serviceAcount", "x");
    ((ObjectNode) deployment.at("/spec/template/spec/securityContext")).put("runAsUser", "1000");
    assertThat(ManifestCheck.errors(deployment)).hasSize(1).first().asString()
        .contains("runAsUser");
    ((ObjectNode) deployment.at("/spec/template/spec/securityContext")).put("runAsUser", 1000);
    assertThat(ManifestCheck.errors(deployment)).containsExactly(
        "apps/v1/Deployment notes: spec.template.spec.serviceAcount: unknown field");
    ObjectNode es = find(objects, "ExternalSecret", "notes-volsync").deepCopy();
    ((ObjectNode) es.at("/spec/secretStoreRef")).put("kind", "Vault");
    assertThat(ManifestCheck.errors(es)).singleElement().asString().contains("secretStoreRef");
  }

  static void assertValid(List<ObjectNode> objects) {
    assertThat(objects).allSatisfy(o -> assertThat(ManifestCheck.errors(o)).isEmpty());
  }

  static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e.path("value").asText();
      }
    }
    throw new AssertionError("no env " + name);
  }
}
