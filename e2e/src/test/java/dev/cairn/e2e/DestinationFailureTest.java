package dev.cairn.e2e;

import static dev.cairn.e2e.Destinations.condition;
import static dev.cairn.e2e.Destinations.events;
import static dev.cairn.e2e.Destinations.finished;
import static dev.cairn.e2e.Destinations.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a restore that cannot restore what was asked fails and says why, instead of
 * handing over a volume as if restored (Volsync #1211): snapshots exist but none matches, the
 * password is wrong, the repository cannot be reached. Each is retried the bounded number of
 * times (its {@code cairn.dev/max-retries}), then waits for the trigger; no image, the volume as
 * it was.
 */
class DestinationFailureTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  /** A destination (and its Secret, PVC), its retries, and the outcome expected. */
  record Case(String name, Map<String, String> secret, String restoreAsOf, int retries,
      String outcome, String reason, String says) {}

  @Test
  void noMatchWrongPasswordAndUnreachableFailWithTheirReason() throws Exception {
    Path repo = tmp.resolve("repo");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("data.txt"), "backed up\n");
    new Backups(repo, PASSWORD, tmp.resolve("backups")).backup(app);
    List<Case> cases = List.of(
        new Case("no-match", Map.of("RESTIC_REPOSITORY", repo.toString(),
            "RESTIC_PASSWORD", PASSWORD), "2001-02-03T04:05:06Z", 1, "no-snapshot", "NoSnapshot",
            "no snapshot of /data matches RESTORE_AS_OF=2001-02-03T04:05:06Z"),
        new Case("bad-password", Map.of("RESTIC_REPOSITORY", repo.toString(),
            "RESTIC_PASSWORD", "not-the-password"), null, 0, "wrong-password", "WrongPassword",
            "password"),
        new Case("unreachable", Map.of("RESTIC_REPOSITORY", "s3:http://127.0.0.1:1/bucket",
            "RESTIC_PASSWORD", PASSWORD, "AWS_ACCESS_KEY_ID", "key",
            "AWS_SECRET_ACCESS_KEY", "secret", "CAIRN_MOVER_OPTIONS", "retry.max-attempts=2"),
            null, 0, "unreachable", "Unreachable", "127.0.0.1:1"));

    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      for (Case k : cases) {
        c.pvc(NS, k.name(), "1Gi", "ceph-block", "ReadWriteOnce");
        Files.writeString(h.standIn.volume(NS, k.name()).resolve("current.txt"), "live\n");
        c.secret(NS, k.name(), k.secret());
      }
      h.start("cairn:test");
      for (Case k : cases) {
        c.applyYaml(NS, """
            apiVersion: volsync.backube/v1alpha1
            kind: ReplicationDestination
            metadata:
              name: %s
              annotations: {cairn.dev/max-retries: "%d"}
            spec:
              trigger: {manual: once}
              restic:
                repository: %s
                destinationPVC: %s
                %s
            """.formatted(k.name(), k.retries(), k.name(), k.name(),
            k.restoreAsOf() == null ? "" : "restoreAsOf: \"" + k.restoreAsOf() + "\""),
            ReplicationDestination.class);
      }

      // one retry after its backoff for the first; the others have none
      Case retried = cases.get(0);
      h.await("the first failure", 90, () -> finished(c, NS, retried.name(), 1));
      assertThat(status(c, NS, retried.name()).currentRun().attempt()).isEqualTo(2);
      assertThat(condition(c, NS, retried.name(), "Synchronizing").getReason())
          .isEqualTo("WaitingToRetry");
      h.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      for (Case k : cases) {
        h.await(k.name() + "'s last failure", 90,
            () -> finished(c, NS, k.name(), k.retries() + 1)
                && status(c, NS, k.name()).currentRun() == null);
        var st = status(c, NS, k.name());
        assertThat(st.lastResult().outcome()).as(k.name()).isEqualTo(k.outcome());
        assertThat(st.lastResult().message()).contains(k.says());
        assertThat(st.currentRun()).isNull();
        assertThat(st.consecutiveFailures()).isEqualTo(k.retries() + 1);
        assertThat(st.lastManualSync()).isEqualTo("once");
        assertThat(st.lastSyncTime()).isNull();
        assertThat(st.latestImage()).isNull();
        assertThat(st.restic()).isNull();
        assertThat(st.latestMoverStatus().result()).isEqualTo("Failed");
        var last = condition(c, NS, k.name(), "LastSyncSucceeded");
        assertThat(last.getStatus()).isEqualTo("False");
        assertThat(last.getReason()).isEqualTo(k.reason());
        var restored = condition(c, NS, k.name(), "Restored");
        assertThat(restored.getStatus()).isEqualTo("False");
        assertThat(restored.getReason()).isEqualTo(k.reason());
        assertThat(restored.getMessage()).startsWith("nothing restored into PersistentVolumeClaim "
            + k.name() + ": ").contains(k.says());
        assertThat(condition(c, NS, k.name(), "Synchronizing").getReason())
            .isEqualTo("WaitingForManual");
        assertThat(events(c, NS, k.name(), "SyncFailed")).hasSize(k.retries());
        assertThat(events(c, NS, k.name(), "SyncRetriesExhausted").get(0).getMessage())
            .contains(k.outcome(), "waiting for spec.trigger.manual to change");
        assertThat(events(c, NS, k.name(), "Restored")).isEmpty();
        assertThat(Tree.contents(h.standIn.volume(NS, k.name())))
            .as("%s's volume", k.name()).isEqualTo(Map.of("current.txt", "live\n"));
      }
      Thread.sleep(1500);
      assertThat(h.standIn.processesRun()).isEqualTo(4);
      assertThat(c.client().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }
  }
}
