package dev.cairn.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Volsync's manifests apply to Cairn's CRDs (the committed ones in {@code deploy/crds/}, which
 * {@link CrdDriftTest} keeps equal to the model), and what the API server would refuse under
 * Volsync's CRDs is refused here too, naming the field.
 */
class VolsyncManifestTest {
  static final String SEED_SOURCE = "/seed/replicationsource.yaml";
  static final String SEED_DESTINATION = "/seed/replicationdestination.yaml";
  static final String FULL_SOURCE = "/volsync/replicationsource-restic-full.yaml";
  static final String FULL_DESTINATION = "/volsync/replicationdestination-restic-full.yaml";
  static final String RSYNC_SOURCE = "/volsync/replicationsource-rsync.yaml";

  private static final CrdSchema SOURCE = CrdSchema.load(
      CrdFiles.committedDir().resolve(CrdFiles.fileName(ReplicationSource.class)));
  private static final CrdSchema DESTINATION = CrdSchema.load(
      CrdFiles.committedDir().resolve(CrdFiles.fileName(ReplicationDestination.class)));

  /** A test resource, read as YAML. */
  static JsonNode manifest(String resource) {
    try {
      return CrdSchema.readYaml(Path.of(VolsyncManifestTest.class.getResource(resource).toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> errors(JsonNode manifest) {
    CrdSchema schema = switch (manifest.get("kind").asText()) {
      case "ReplicationSource" -> SOURCE;
      case "ReplicationDestination" -> DESTINATION;
      default -> throw new IllegalArgumentException(manifest.get("kind").asText());
    };
    return schema.validate(manifest);
  }

  /** The errors of {@code resource} after {@code edit} changes its {@code spec.restic}. */
  private static List<String> errorsAfter(String resource, Consumer<ObjectNode> edit) {
    JsonNode manifest = manifest(resource);
    edit.accept((ObjectNode) manifest.get("spec").get("restic"));
    return errors(manifest);
  }

  @ParameterizedTest
  @ValueSource(strings = {SEED_SOURCE, SEED_DESTINATION, FULL_SOURCE, FULL_DESTINATION,
      RSYNC_SOURCE})
  void volsyncManifestsApply(String resource) {
    assertThat(errors(manifest(resource))).isEmpty();
  }

  @Test
  void aMisspelledFieldIsRefused() {
    assertThat(errorsAfter(SEED_SOURCE, restic -> restic.set("retian", restic.remove("retain"))))
        .containsExactly("spec.restic.retian: unknown field");
  }

  @Test
  void aQuotedNumberIsRefused() {
    assertThat(errorsAfter(SEED_SOURCE,
        restic -> ((ObjectNode) restic.get("retain")).put("hourly", "24")))
        .containsExactly("spec.restic.retain.hourly: want integer, got string \"24\"");
  }

  @Test
  void retainLastIsAStringAsInVolsync() {
    assertThat(errorsAfter(FULL_SOURCE,
        restic -> ((ObjectNode) restic.get("retain")).put("last", 10)))
        .containsExactly("spec.restic.retain.last: want string, got integer 10");
  }

  @Test
  void volsyncsValidationsHold() {
    assertThat(errorsAfter(SEED_SOURCE, restic -> restic.put("copyMethod", "Copy")))
        .containsExactly("spec.restic.copyMethod: \"Copy\" is not one of"
            + " [\"Direct\",\"None\",\"Clone\",\"Snapshot\"]");
    assertThat(errorsAfter(SEED_DESTINATION, restic -> restic.put("capacity", "5 GB")))
        .singleElement().asString().startsWith("spec.restic.capacity: \"5 GB\" does not match");
    assertThat(errorsAfter(SEED_DESTINATION, restic -> restic.put("capacity", 5368709120L)))
        .isEmpty();
    assertThat(errorsAfter(FULL_DESTINATION, restic -> restic.put("restoreAsOf", "yesterday")))
        .containsExactly("spec.restic.restoreAsOf: \"yesterday\" is not a date-time (RFC 3339)");
    assertThat(errorsAfter(FULL_SOURCE, restic -> restic.putArray("accessModes")))
        .containsExactly("spec.restic.accessModes: 0 items, want at least 1");
    assertThat(errorsAfter(FULL_SOURCE,
        restic -> ((ArrayNode) restic.get("moverVolumes")).addObject().put("mountPath", "x")))
        .containsExactly("spec.restic.moverVolumes[3].volumeSource: required");
  }

  @Test
  void theScheduleFollowsVolsyncsPattern() {
    for (String schedule : List.of("0 * * * *", "*/5 1-3 * * 1,2", "@daily", "@annually")) {
      JsonNode manifest = manifest(SEED_SOURCE);
      ((ObjectNode) manifest.get("spec").get("trigger")).put("schedule", schedule);
      assertThat(errors(manifest)).as(schedule).isEmpty();
    }
    for (String schedule : List.of("hourly", "0 * * *", "@every 1h", "0 0 * * MON")) {
      JsonNode manifest = manifest(SEED_SOURCE);
      ((ObjectNode) manifest.get("spec").get("trigger")).put("schedule", schedule);
      assertThat(errors(manifest)).as(schedule).singleElement().asString()
          .startsWith("spec.trigger.schedule: \"" + schedule + "\" does not match");
    }
  }

  @Test
  void otherMoversSpecsAreFreeForm() {
    JsonNode manifest = manifest(RSYNC_SOURCE);
    ((ObjectNode) manifest.get("spec").get("rsync")).putObject("anything").put("goes", 1);
    assertThat(errors(manifest)).isEmpty();
  }
}
