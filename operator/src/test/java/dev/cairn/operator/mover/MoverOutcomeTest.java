package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading the mover's JSON result (docs/mover-result.md) from a termination message, and the
 * failure the controller records for a pod that ended without one.
 */
class MoverOutcomeTest {
  private static final String OK = "{\"version\":1,\"actions\":[\"unlock\",\"backup\",\"prune\"],"
      + "\"done\":[\"unlock\",\"backup\",\"prune\"],\"outcome\":\"ok\",\"exit_code\":0,"
      + "\"message\":\"backup 907e2622 saved\",\"duration_seconds\":14.74,"
      + "\"backup\":{\"snapshot_id\":\"907e2622\",\"bytes_added\":1076887,\"files_new\":2,"
      + "\"skipped\":false},\"forget\":{\"kept\":24,\"removed\":1}}";
  private static final String LOCKED = "{\"actions\":[\"backup\"],\"done\":[],"
      + "\"outcome\":\"locked\",\"exit_code\":11,\"message\":\"repository is locked by"
      + " restic on other-host\"}";

  private static MoverOutcome parsed(String message) {
    return MoverOutcome.parse(message).orElseThrow();
  }

  @Test
  void aResultReadsAsItsFields() {
    MoverOutcome o = parsed(OK);
    assertThat(o.outcome()).isEqualTo("ok");
    assertThat(o.exitCode()).isZero();
    assertThat(o.message()).isEqualTo("backup 907e2622 saved");
    assertThat(o.done()).containsExactly("unlock", "backup", "prune");
    assertThat(o.success()).isTrue();
    assertThat(o.did("prune")).isTrue();
    assertThat(o.json().path("version").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"ok,0,true", "partial,0,true", "skipped-empty,0,true", "no-snapshot,3,false",
      "no-repository,10,false", "locked,11,false", "wrong-password,12,false",
      "unreachable,13,false", "failed,1,false", "something-new,1,false"})
  void onlyOkPartialAndSkippedEmptyAreSuccesses(String outcome, int exit, boolean success) {
    MoverOutcome o = parsed("{\"outcome\":\"" + outcome + "\",\"exit_code\":" + exit
        + ",\"message\":\"m\",\"done\":[]}");
    assertThat(o.outcome()).isEqualTo(outcome);
    assertThat(o.exitCode()).isEqualTo(exit);
    assertThat(o.success()).isEqualTo(success);
  }

  @Test
  void aFailedRunSaysWhichActionsFinished() {
    MoverOutcome o = parsed(LOCKED);
    assertThat(o.success()).isFalse();
    assertThat(o.exitCode()).isEqualTo(11);
    assertThat(o.done()).isEmpty();
    assertThat(o.did("backup")).isFalse();
  }

  @Test
  void fromALogTheLastResultLineCounts() {
    // FallbackToLogsOnError: the message is the log's tail, the result its last JSON line
    String log = "=== Starting backup ===\n{\"outcome\":\"failed\",\"exit_code\":1}\n"
        + "snapshot 907e2622 saved\r\n" + OK + "\r\n";
    assertThat(parsed(log).outcome()).isEqualTo("ok");
  }

  @Test
  void linesAfterTheResultAndJsonWithoutAnOutcomeAreSkipped() {
    String log = LOCKED + "\n{\"level\":\"info\",\"msg\":\"not a result\"}\n"
        + "ERROR: repository is locked\n";
    assertThat(parsed(log).outcome()).isEqualTo("locked");
  }

  @Test
  void anIndentedResultLineIsFound() {
    assertThat(parsed("  " + OK + "  ").outcome()).isEqualTo("ok");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Error: exit status 137", "{\"outcome\":", "{not json at all}",
      "{\"level\":\"info\"}", "{\"outcome\":null,\"exit_code\":0}", "[\"ok\"]"})
  void noResultInTheMessageIsEmpty(String message) {
    assertThat(MoverOutcome.parse(message)).isEmpty();
  }

  @Test
  void aTruncatedResultAfterAGoodOneLeavesTheGoodOne() {
    assertThat(parsed(OK + "\n{\"outcome\":\"ok\",\"done\":[\"bac").message())
        .isEqualTo("backup 907e2622 saved");
  }

  @Test
  void missingOptionalFieldsHaveDefaults() {
    MoverOutcome o = parsed("{\"outcome\":\"failed\"}");
    assertThat(o.exitCode()).isZero();
    assertThat(o.message()).isEmpty();
    assertThat(o.done()).isEmpty();
  }

  @Test
  void numbersAndTextsOfTheResult() {
    MoverOutcome o = parsed(OK);
    assertThat(o.number("backup", "bytes_added")).isEqualTo(1076887L);
    assertThat(o.number("forget", "removed")).isEqualTo(1L);
    assertThat(o.text("backup", "snapshot_id")).isEqualTo("907e2622");
    assertThat(o.number("backup", "snapshot_id")).as("a text is not a number").isNull();
    assertThat(o.text("backup", "bytes_added")).as("a number is not a text").isNull();
    assertThat(o.number("restore", "files")).isNull();
    assertThat(o.text("backup", "parent_id")).isNull();
    assertThat(o.number("backup", "skipped")).isNull();
  }

  @Test
  void aFailureSeenByTheControllerHasNoResult() {
    MoverOutcome o = MoverOutcome.failed("mover Job volsync-src-app was deleted");
    assertThat(o).isEqualTo(new MoverOutcome("failed", 1, "mover Job volsync-src-app was"
        + " deleted", List.of(), null));
    assertThat(o.success()).isFalse();
    assertThat(o.number("backup", "bytes_added")).isNull();
    assertThat(o.text("backup", "snapshot_id")).isNull();
  }

  private static Pod pod(ContainerStatus... statuses) {
    return new PodBuilder().withNewMetadata().withName("volsync-src-app-x7k2p").endMetadata()
        .withNewStatus().withContainerStatuses(statuses).endStatus().build();
  }

  private static ContainerStatus terminated(String container, String message, String reason,
      int exitCode) {
    return new ContainerStatusBuilder().withName(container).withNewState().withNewTerminated()
        .withMessage(message).withReason(reason).withExitCode(exitCode).endTerminated()
        .endState().build();
  }

  @Test
  void aFinishedPodGivesItsResult() {
    Optional<MoverOutcome> o = MoverOutcome.of(pod(terminated("restic", LOCKED, "Error", 11)));
    assertThat(o).get().extracting(MoverOutcome::outcome).isEqualTo("locked");
  }

  @Test
  void aPodKilledWithoutAResultIsAFailureSayingHowItEnded() {
    MoverOutcome o = MoverOutcome.of(pod(terminated("restic", null, "OOMKilled", 137)))
        .orElseThrow();
    assertThat(o.outcome()).isEqualTo("failed");
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.success()).isFalse();
    assertThat(o.json()).isNull();
    assertThat(o.message()).isEqualTo(
        "mover pod volsync-src-app-x7k2p ended without a result: OOMKilled, exit code 137");
  }

  @Test
  void aMalformedMessageIsAFailureToo() {
    MoverOutcome o = MoverOutcome.of(pod(terminated("restic", "{\"outcome\":\"ok\",",
        null, 2))).orElseThrow();
    assertThat(o.outcome()).isEqualTo("failed");
    assertThat(o.message()).isEqualTo(
        "mover pod volsync-src-app-x7k2p ended without a result: terminated, exit code 2");
  }

  @Test
  void aPodStillRunningHasNoOutcomeYet() {
    ContainerStatus running = new ContainerStatusBuilder().withName("restic").withNewState()
        .withNewRunning().endRunning().endState().build();
    assertThat(MoverOutcome.of(pod(running))).isEmpty();
    assertThat(MoverOutcome.of(pod())).isEmpty();
    assertThat(MoverOutcome.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
        .build())).isEmpty();
  }

  @Test
  void onlyTheMoverContainerCounts() {
    Pod p = pod(terminated("istio-proxy", null, "Completed", 0),
        terminated("restic", OK, "Completed", 0));
    assertThat(MoverOutcome.of(p)).get().extracting(MoverOutcome::outcome).isEqualTo("ok");
    assertThat(MoverOutcome.of(pod(terminated("sidecar", OK, "Completed", 0)))).isEmpty();
  }
}
