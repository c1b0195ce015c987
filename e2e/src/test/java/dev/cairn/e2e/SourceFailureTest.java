package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.testing.ResticBinary;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a failed run is retried a bounded number of times with backoff, then recorded as
 * failed until the next scheduled slot (no endless Job loop); status, events and metrics say so;
 * the next slot with the cause fixed succeeds and clears the failure count.
 */
class SourceFailureTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  static final String SOURCE = """
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationSource
      metadata:
        name: app
        annotations: {cairn.dev/max-retries: "1"}
      spec:
        sourcePVC: app
        trigger: {schedule: "0 * * * *"}
        restic:
          copyMethod: Direct
          repository: app-volsync-secret
          retain: {hourly: 24, daily: 7}
      """;

  @Test
  void aFailingRunIsRetriedOnceThenWaitsForTheNextSlotAndThenRecovers() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.pvc(NS, "app", "1Gi", "ceph-block", "ReadWriteOnce");
      Files.writeString(h.standIn.volume(NS, "app").resolve("notes.txt"), "hello\n");
      // nothing listens on port 1: the repository cannot be reached
      c.secret(NS, "app-volsync-secret", Map.of(
          "RESTIC_REPOSITORY", "s3:http://127.0.0.1:1/bucket", "RESTIC_PASSWORD", PASSWORD,
          "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret",
          "CAIRN_MOVER_OPTIONS", "retry.max-attempts=2"));
      h.start("cairn:test");
      c.applyYaml(NS, SOURCE, ReplicationSource.class);

      h.await("the first failure", 90, () -> failures(c) == 1 && idle(c));
      var st = c.source(NS, "app").getStatus();
      assertThat(st.lastResult().outcome()).isEqualTo("unreachable");
      assertThat(st.lastResult().message()).contains("127.0.0.1:1", "after 2 attempts");
      assertThat(st.consecutiveFailures()).isEqualTo(1);
      assertThat(st.currentRun().attempt()).isEqualTo(2);
      assertThat(st.currentRun().notBefore()).isEqualTo(at(Duration.ofMinutes(1)));
      assertThat(st.lastSyncTime()).isNull();
      assertThat(st.latestMoverStatus().result()).isEqualTo("Failed");
      assertThat(condition(c, "LastSyncSucceeded").getStatus()).isEqualTo("False");
      assertThat(condition(c, "Synchronizing").getReason()).isEqualTo("WaitingToRetry");
      assertThat(events(c, "SyncFailed").get(0).getMessage())
          .contains("unreachable", "attempt 2 at " + at(Duration.ofMinutes(1)));
      assertThat(h.standIn.processesRun()).isEqualTo(1);

      // the retry waits for its backoff, then runs the same plan once more
      Thread.sleep(1500);
      assertThat(h.standIn.processesRun()).isEqualTo(1);
      h.clock.set(Instant.parse(at(Duration.ofMinutes(1))).plusSeconds(1));
      h.await("the retry's failure", 90, () -> failures(c) == 2 && idle(c));
      st = c.source(NS, "app").getStatus();
      assertThat(st.consecutiveFailures()).isEqualTo(2);
      assertThat(st.currentRun()).isNull();
      assertThat(st.nextSyncTime()).isEqualTo(at(Duration.ofMinutes(30)));
      assertThat(events(c, "SyncRetriesExhausted").get(0).getMessage())
          .contains("retries exhausted; next sync at " + at(Duration.ofMinutes(30)));
      assertThat(condition(c, "Synchronizing").getReason()).isEqualTo("WaitingForSchedule");
      assertThat(SourceSnapshotTest.metrics(h)).contains(
          "cairn_sync_runs_total{method=\"restic\",obj_name=\"app\",obj_namespace=\"app\","
              + "outcome=\"unreachable\",role=\"source\"} 2",
          "cairn_sync_consecutive_failures{method=\"restic\",obj_name=\"app\","
              + "obj_namespace=\"app\",role=\"source\"} 2",
          "volsync_volume_out_of_sync{method=\"restic\",obj_name=\"app\","
              + "obj_namespace=\"app\",role=\"source\"} 1");
      assertThat(c.client().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();

      // no more runs in this slot, however long it lasts
      h.clock.set(Instant.parse(at(Duration.ofMinutes(20))));
      Thread.sleep(2000);
      assertThat(h.standIn.processesRun()).isEqualTo(2);

      // the next slot, with the repository fixed, succeeds
      c.client().secrets().inNamespace(NS).withName("app-volsync-secret").edit(s -> {
        s.getData().put("RESTIC_REPOSITORY", Base64.getEncoder().encodeToString(
            repo.toString().getBytes(StandardCharsets.UTF_8)));
        return s;
      });
      h.clock.set(Instant.parse(at(Duration.ofMinutes(30))).plusSeconds(1));
      h.await("the next slot's success", 90,
          () -> !events(c, "SyncSucceeded").isEmpty() && idle(c));
      st = c.source(NS, "app").getStatus();
      assertThat(st.consecutiveFailures()).as("zero, and so left out").isNull();
      assertThat(st.lastResult().outcome()).isEqualTo("ok");
      assertThat(condition(c, "LastSyncSucceeded").getStatus()).isEqualTo("True");
      assertThat(h.standIn.processesRun()).isEqualTo(3);
      restic.run(repo, PASSWORD, "check").assertOk();
    }
  }

  static String at(Duration afterStart) {
    return OperatorHarness.START.plus(afterStart).toString();
  }

  static long failures(MockCluster c) {
    return events(c, "SyncFailed").size() + events(c, "SyncRetriesExhausted").size();
  }

  /** No run in flight (the status of the last run's end is written). */
  static boolean idle(MockCluster c) {
    ReplicationSource rs = c.source(NS, "app");
    return rs != null && rs.getStatus() != null && rs.getStatus().lastSyncStartTime() == null
        && rs.getStatus().lastResult() != null;
  }

  static Condition condition(MockCluster c, String type) {
    return SourceSnapshotTest.condition(c.source(NS, "app"), type);
  }

  static List<Event> events(MockCluster c, String reason) {
    return SourceSnapshotTest.events(c).stream().filter(e -> reason.equals(e.getReason()))
        .toList();
  }
}
