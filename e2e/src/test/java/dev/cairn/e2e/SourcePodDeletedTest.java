package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a mover pod deleted mid-run (its process killed) fails the attempt with a message
 * saying the pod went away, the retry after the backoff completes the sync, and the repository
 * stays consistent.
 */
class SourcePodDeletedTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  static final String SOURCE = """
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationSource
      metadata: {name: app}
      spec:
        sourcePVC: app
        trigger: {manual: now}
        restic:
          copyMethod: Direct
          repository: app-volsync-secret
          retain: {last: 5}
      """;

  @Test
  void aPodDeletedMidRunFailsThatAttemptAndTheRetryCompletesTheSync() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.pvc(NS, "app", "1Gi", "ceph-block", "ReadWriteOnce");
      Path volume = h.standIn.volume(NS, "app");
      byte[] data = new byte[48 << 20];
      new Random(7).nextBytes(data);
      Files.write(volume.resolve("big.bin"), data);
      c.secret(NS, "app-volsync-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD));
      h.start("cairn:test");
      c.applyYaml(NS, SOURCE, ReplicationSource.class);

      // the backup is under way once it holds its lock in the repository
      h.await("the mover's lock", 60, () -> h.standIn.podOf(NS, "volsync-src-app") != null
          && locks(repo) > 0);
      var pod = h.standIn.podOf(NS, "volsync-src-app");
      c.client().pods().inNamespace(NS).withName(pod.getMetadata().getName()).delete();

      h.await("the failed attempt", 60, () -> !SourceFailureTest.events(c, "SyncFailed")
          .isEmpty() && SourceFailureTest.idle(c));
      var st = c.source(NS, "app").getStatus();
      assertThat(st.lastResult().outcome()).isEqualTo("failed");
      assertThat(st.lastResult().message()).contains("without a result from its pod");
      assertThat(st.currentRun().attempt()).isEqualTo(2);
      assertThat(st.lastManualSync()).isNull();

      h.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      h.await("the retry's success", 90, () -> {
        ReplicationSource rs = c.source(NS, "app");
        return "now".equals(rs.getStatus().lastManualSync());
      });
      st = c.source(NS, "app").getStatus();
      assertThat(st.lastResult().outcome()).isEqualTo("ok");
      assertThat(st.consecutiveFailures()).isNull();
      assertThat(h.standIn.processesRun()).isEqualTo(2);
      restic.run(repo, PASSWORD, "check").assertOk();
      assertThat(restic.run(repo, PASSWORD, "snapshots", "--json").assertOk().stdoutText())
          .contains("\"hostname\":\"volsync\"");
    }
  }

  private static long locks(Path repo) {
    try (var s = Files.list(repo.resolve("locks"))) {
      return s.count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
