package dev.cairn.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import io.fabric8.kubernetes.client.CustomResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The columns {@code kubectl get} shows: each points at a field the committed CRD's schema has
 * (a typo would show an empty column forever), and a destination shows its last restore.
 */
class PrinterColumnsTest {
  private static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(ReplicationSource.class, ReplicationDestination.class);

  private static Path file(Class<? extends CustomResource<?, ?>> type) {
    return CrdFiles.committedDir().resolve(CrdFiles.fileName(type));
  }

  private static List<JsonNode> columns(Class<? extends CustomResource<?, ?>> type) {
    List<JsonNode> out = new ArrayList<>();
    CrdSchema.readYaml(file(type)).path("spec").path("versions").get(0)
        .path("additionalPrinterColumns").forEach(out::add);
    return out;
  }

  @Test
  void everyColumnNamesAFieldOfTheSchema() {
    for (Class<? extends CustomResource<?, ?>> type : KINDS) {
      CrdSchema schema = CrdSchema.load(file(type));
      for (JsonNode c : columns(type)) {
        String path = c.path("jsonPath").asText().substring(1);
        assertThat(schema.at(path)).as("%s column %s (%s)", type.getSimpleName(),
            c.path("name").asText(), path).isPresent();
      }
    }
  }

  @Test
  void aDestinationShowsItsLastRestoreItsDurationAndTheRestoredSnapshot() {
    assertThat(columns(ReplicationDestination.class)).extracting(
        c -> c.path("name").asText() + "=" + c.path("jsonPath").asText()).containsExactly(
        "Last restore=.status.lastSyncTime",
        "Duration=.status.lastSyncDuration",
        "Restored snapshot=.status.restic.restoredSnapshot",
        "Snapshot taken=.status.restic.restoredSnapshotTime",
        "Next sync=.status.nextSyncTime");
  }
}
