package dev.cairn.cli.mover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.backup.SourceError;
import dev.cairn.core.Id;
import dev.cairn.operation.BackupOutcome;
import dev.cairn.snapshot.SnapshotSummary;
import dev.cairn.tree.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result always fits a termination message and matches its schema. */
class MoverResultTest {
  private static final Instant T = Instant.parse("2026-05-06T07:08:09Z");

  @Test
  void thousandsOfUnreadablePathsAreShortenedToFitFourKib() {
    List<SourceError> errors = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      errors.add(new SourceError("/data/some/deep/directory/file-" + i + ".bin",
          "permission denied"));
    }
    Timestamp ts = Timestamp.of(T, ZoneOffset.UTC);
    SnapshotSummary s = new SnapshotSummary(ts, ts, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    MoverResult r = new MoverResult(List.of("backup"), T);
    r.backup(new BackupOutcome(Id.hash(new byte[1]), null, List.of("/data"), s, errors,
        Duration.ofSeconds(3), false));
    r.done(MoverAction.BACKUP);
    r.end(Outcome.PARTIAL, 0, "x".repeat(2000));
    String json = r.toJson(T.plusSeconds(4));
    JsonNode n = ResultSchema.validate(json);
    assertThat(n.path("backup").path("files_unreadable").asInt()).isEqualTo(5000);
    assertThat(n.path("backup").path("unreadable_paths").size()).isBetween(1, 100);
    assertThat(n.path("message").asText()).hasSizeLessThanOrEqualTo(Classifier.MAX_REASON);
    assertThat(n.path("outcome").asText()).isEqualTo("partial");
  }

  @Test
  void aFailureBeforeAnyActionIsAValidResult() {
    MoverResult r = new MoverResult(List.of("backup"), T);
    r.end(Outcome.FAILED, 1, "RESTIC_PASSWORD must be defined");
    JsonNode n = ResultSchema.validate(r.toJson(T));
    assertThat(n.path("done").size()).isZero();
    assertThat(n.path("exit_code").asInt()).isEqualTo(1);
  }
}
