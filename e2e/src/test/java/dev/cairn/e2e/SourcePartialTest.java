package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.testing.OtherUser;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a mover that cannot read one file (it runs as a non-root user, as the seed's
 * movers do) backs up the rest and says so: outcome {@code partial}, a warning event, the
 * unreadable count in status and a metric, and the sync counts as done.
 */
class SourcePartialTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  static final String SOURCE = """
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationSource
      metadata: {name: app}
      spec:
        sourcePVC: app
        trigger: {manual: once}
        restic:
          copyMethod: Direct
          repository: app-volsync-secret
          retain: {daily: 7}
          moverSecurityContext: {runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534}
      """;

  @Test
  void anUnreadableFileMakesAPartialRunThatStillCounts() throws Exception {
    assumeTrue(OtherUser.available(), "needs root and setpriv to run the mover as nobody");
    ResticBinary restic = ResticBinary.require();
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    String classPath = OtherUser.readableClassPath(tmp.resolve("classpath"));
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    OtherUser.chownToNobody(repo);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"), OtherUser.prefix(),
        classPath)) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.pvc(NS, "app", "1Gi", "ceph-block", "ReadWriteOnce");
      Path volume = h.standIn.volume(NS, "app");
      Files.writeString(volume.resolve("readable.txt"), "everyone\n");
      Path secret = volume.resolve("root-only.key");
      Files.writeString(secret, "root only\n");
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
      c.secret(NS, "app-volsync-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD));
      h.start("cairn:test");
      c.applyYaml(NS, SOURCE, ReplicationSource.class);

      h.await("the partial run", 120, () -> {
        ReplicationSource rs = c.source(NS, "app");
        return rs != null && rs.getStatus() != null
            && "once".equals(rs.getStatus().lastManualSync());
      });
      var st = c.source(NS, "app").getStatus();
      assertThat(st.lastResult().outcome()).as(st.lastResult().message()).isEqualTo("partial");
      assertThat(st.lastResult().filesUnreadable()).isEqualTo(1L);
      assertThat(st.lastSyncTime()).isNotNull();
      assertThat(st.latestMoverStatus().result()).isEqualTo("Successful");
      assertThat(SourceSnapshotTest.condition(c.source(NS, "app"), "LastSyncSucceeded")
          .getStatus()).isEqualTo("True");
      var partial = SourceFailureTest.events(c, "SyncPartial");
      assertThat(partial).hasSize(1);
      assertThat(partial.get(0).getType()).isEqualTo("Warning");
      assertThat(partial.get(0).getMessage()).contains("1");
      var job = h.standIn.jobSeen(NS, "volsync-src-app").getSpec().getTemplate().getSpec();
      assertThat(job.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
      h.await("metrics", 10, () -> SourceSnapshotTest.metrics(h).contains(
          "cairn_sync_runs_total{method=\"restic\",obj_name=\"app\",obj_namespace=\"app\","
              + "outcome=\"partial\",role=\"source\"} 1"));

      restic.run(repo, PASSWORD, "check").assertOk();
      String listing = restic.run(repo, PASSWORD, "ls", "latest").assertOk().stdoutText();
      assertThat(listing).contains("/readable.txt").doesNotContain("root-only.key");
    }
  }
}
