package dev.cairn.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every field that Volsync's CRDs (v0.16 line) give the restic mover, its trigger and its
 * status is in Cairn's CRDs with the same type. The lists were written from Volsync's
 * {@code config/crd/bases/}; a type reads {@code integer/int32} for a type with a format,
 * {@code array<...>} and {@code map<...>} for items and values, {@code int-or-string} for a
 * Quantity.
 */
class ResticFieldCoverageTest {
  private static final CrdSchema SOURCE = CrdSchema.load(
      CrdFiles.committedDir().resolve(CrdFiles.fileName(ReplicationSource.class)));
  private static final CrdSchema DESTINATION = CrdSchema.load(
      CrdFiles.committedDir().resolve(CrdFiles.fileName(ReplicationDestination.class)));

  /** Volsync's MoverConfig and volume options, shared by both restic specs. */
  private static Map<String, String> moverFields(String restic) {
    Map<String, String> fields = new LinkedHashMap<>();
    String[][] rows = {
        {"repository", "string"}, {"customCA", "object"}, {"customCA.secretName", "string"},
        {"customCA.configMapName", "string"}, {"customCA.key", "string"},
        {"cacheCapacity", "int-or-string"}, {"cacheStorageClassName", "string"},
        {"cacheAccessModes", "array<string>"}, {"copyMethod", "string"},
        {"capacity", "int-or-string"}, {"storageClassName", "string"},
        {"accessModes", "array<string>"}, {"volumeSnapshotClassName", "string"},
        {"moverSecurityContext", "object"}, {"moverSecurityContext.runAsUser", "integer/int64"},
        {"moverSecurityContext.runAsGroup", "integer/int64"},
        {"moverSecurityContext.fsGroup", "integer/int64"},
        {"moverSecurityContext.runAsNonRoot", "boolean"},
        {"moverSecurityContext.supplementalGroups", "array<integer/int64>"},
        {"moverSecurityContext.fsGroupChangePolicy", "string"},
        {"moverSecurityContext.seccompProfile.type", "string"},
        {"moverServiceAccount", "string"}, {"moverPodLabels", "map<string>"},
        {"moverResources", "object"}, {"moverResources.limits", "map<int-or-string>"},
        {"moverResources.requests", "map<int-or-string>"},
        {"moverResources.claims", "array<object>"},
        {"moverAffinity", "object"}, {"moverAffinity.nodeAffinity", "object"},
        {"moverAffinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
            + ".nodeSelectorTerms", "array<object>"},
        {"moverAffinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[].weight",
            "integer/int32"},
        {"moverAffinity.podAffinity", "object"}, {"moverAffinity.podAntiAffinity", "object"},
        {"moverAffinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[]"
            + ".topologyKey", "string"},
        {"moverVolumes", "array<object>"}, {"moverVolumes[].mountPath", "string"},
        {"moverVolumes[].volumeSource", "object"},
        {"moverVolumes[].volumeSource.secret.secretName", "string"},
        {"moverVolumes[].volumeSource.secret.defaultMode", "integer/int32"},
        {"moverVolumes[].volumeSource.secret.items", "array<object>"},
        {"moverVolumes[].volumeSource.nfs.server", "string"},
        {"moverVolumes[].volumeSource.nfs.path", "string"},
        {"moverVolumes[].volumeSource.nfs.readOnly", "boolean"},
        {"moverVolumes[].volumeSource.persistentVolumeClaim.claimName", "string"},
        {"moverVolumes[].volumeSource.persistentVolumeClaim.readOnly", "boolean"}};
    for (String[] row : rows) {
      fields.put(restic + "." + row[0], row[1]);
    }
    return fields;
  }

  /** Status fields both kinds share. */
  private static Map<String, String> commonFields() {
    Map<String, String> fields = new LinkedHashMap<>(Map.of(
        "spec.trigger.schedule", "string", "spec.trigger.manual", "string",
        "spec.paused", "boolean", "status.lastSyncTime", "string/date-time",
        "status.lastSyncStartTime", "string/date-time", "status.lastSyncDuration", "string",
        "status.nextSyncTime", "string/date-time", "status.lastManualSync", "string",
        "status.latestMoverStatus.result", "string", "status.latestMoverStatus.logs", "string"));
    fields.putAll(Map.of("status.conditions", "array<object>",
        "status.conditions[].type", "string", "status.conditions[].status", "string",
        "status.conditions[].reason", "string", "status.conditions[].message", "string",
        "status.conditions[].lastTransitionTime", "string/date-time",
        "status.conditions[].observedGeneration", "integer/int64"));
    return fields;
  }

  @Test
  void replicationSourceHasVolsyncsResticFields() {
    Map<String, String> fields = commonFields();
    fields.putAll(moverFields("spec.restic"));
    fields.putAll(Map.of("spec.sourcePVC", "string",
        "spec.restic.pruneIntervalDays", "integer/int32", "spec.restic.unlock", "string",
        "spec.restic.retain.within", "string", "spec.restic.retain.last", "string",
        "status.restic.lastPruned", "string/date-time", "status.restic.lastUnlocked", "string"));
    for (String keep : List.of("hourly", "daily", "weekly", "monthly", "yearly")) {
      fields.put("spec.restic.retain." + keep, "integer/int32");
    }
    assertHas(SOURCE, fields);
  }

  @Test
  void replicationDestinationHasVolsyncsResticFields() {
    Map<String, String> fields = commonFields();
    fields.putAll(moverFields("spec.restic"));
    fields.putAll(Map.of("spec.restic.destinationPVC", "string",
        "spec.restic.cleanupTempPVC", "boolean", "spec.restic.cleanupCachePVC", "boolean",
        "spec.restic.previous", "integer/int32", "spec.restic.restoreAsOf", "string/date-time",
        "spec.restic.enableFileDeletion", "boolean", "status.latestImage.apiGroup", "string",
        "status.latestImage.kind", "string", "status.latestImage.name", "string"));
    assertHas(DESTINATION, fields);
  }

  @Test
  void otherMoversAreFreeFormObjects() {
    for (String mover : List.of("rsync", "rsyncTLS", "rclone", "syncthing", "external")) {
      assertFreeForm(SOURCE.at("spec." + mover).orElseThrow(), mover);
    }
    for (String mover : List.of("rsync", "rsyncTLS", "rclone", "external")) {
      assertFreeForm(DESTINATION.at("spec." + mover).orElseThrow(), mover);
    }
    assertThat(DESTINATION.at("spec.syncthing")).as("Volsync's RD has no syncthing").isEmpty();
  }

  @Test
  void volsyncsConstraintsAreKept() {
    for (CrdSchema schema : List.of(SOURCE, DESTINATION)) {
      assertThat(schema.at("spec.trigger.schedule").orElseThrow().get("pattern").asText())
          .isEqualTo("^(@(annually|yearly|monthly|weekly|daily|hourly))|((((\\d+,)*\\d+|"
              + "(\\d+(\\/|-)\\d+)|\\*(\\/\\d+)?)\\s?){5})$");
      assertThat(schema.at("spec.restic.copyMethod").orElseThrow().get("enum").toString())
          .isEqualTo("[\"Direct\",\"None\",\"Clone\",\"Snapshot\"]");
      assertThat(schema.at("spec.restic.accessModes").orElseThrow().get("minItems").asInt())
          .isEqualTo(1);
      assertThat(schema.at("spec.restic.cacheAccessModes").orElseThrow().has("minItems"))
          .isFalse();
      for (String quantity : List.of("spec.restic.capacity", "spec.restic.cacheCapacity",
          "spec.restic.moverResources.limits{}")) {
        assertThat(schema.at(quantity).orElseThrow().get("pattern").asText()).as(quantity)
            .isEqualTo(ModelSchemaFixes.QUANTITY_PATTERN);
      }
      assertThat(schema.at("spec.restic.moverVolumes[]").orElseThrow().get("required").toString())
          .isEqualTo("[\"mountPath\",\"volumeSource\"]");
    }
  }

  private static void assertFreeForm(JsonNode mover, String name) {
    assertThat(mover.get("type").asText()).as(name).isEqualTo("object");
    assertThat(mover.path("x-kubernetes-preserve-unknown-fields").asBoolean()).as(name).isTrue();
    assertThat(mover.has("additionalProperties") || mover.has("properties")).as(name).isFalse();
  }

  private static void assertHas(CrdSchema schema, Map<String, String> fields) {
    SoftAssertions soft = new SoftAssertions();
    List<String> missing = new ArrayList<>();
    fields.forEach((path, type) -> schema.at(path).ifPresentOrElse(
        node -> soft.assertThat(signature(node)).as(path).isEqualTo(type),
        () -> missing.add(path)));
    soft.assertThat(missing).as("fields missing").isEmpty();
    soft.assertAll();
  }

  /** A schema's type as the lists above write it. */
  static String signature(JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      return "int-or-string";
    }
    String type = schema.path("type").asText();
    if (type.equals("array")) {
      return "array<" + signature(schema.get("items")) + ">";
    }
    if (type.equals("object") && schema.path("additionalProperties").isObject()) {
      return "map<" + signature(schema.get("additionalProperties")) + ">";
    }
    return schema.has("format") ? type + "/" + schema.get("format").asText() : type;
  }
}
