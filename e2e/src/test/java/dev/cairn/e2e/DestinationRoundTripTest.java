package dev.cairn.e2e;

import static dev.cairn.e2e.Destinations.condition;
import static dev.cairn.e2e.Destinations.finished;
import static dev.cairn.e2e.Destinations.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, the full round trip: the seed's ReplicationSource backs its volume up, the files
 * change, and the seed's ReplicationDestination ({@code restore-once}) brings the backed-up
 * contents back, identical, into a volume of its own and its image snapshot, leaving the
 * application's volume alone.
 */
class DestinationRoundTripTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  @Test
  void theSeedsDestinationRestoresWhatTheSeedsSourceBackedUp() throws Exception {
    Path repo = tmp.resolve("repo");
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.pvc(NS, "app", "2Gi", "ceph-block", "ReadWriteOnce");
      Path volume = h.standIn.volume(NS, "app");
      Files.writeString(volume.resolve("config.yaml"), "setting: 1\n");
      Files.createDirectories(volume.resolve("db"));
      byte[] data = new byte[200_000];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 31 + i / 7);
      }
      Files.write(volume.resolve("db/data.bin"), data);
      Files.writeString(volume.resolve("db/old.log"), "to be deleted\n");
      Map<String, String> backedUp = Tree.contents(volume);
      c.secret(NS, "app-volsync-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD));
      c.snapshotClass("csi-ceph-blockpool", false);
      c.snapshotClass("csi-default", true);
      h.start("cairn:test");
      c.apply(NS, "/seed/replicationsource.yaml", ReplicationSource.class);
      h.await("the backup", 90, () -> SourceSnapshotTest.synced(c, 1));
      String backup = c.source(NS, "app").getStatus().lastResult().snapshotId();

      // the application changes its files after the backup
      Files.writeString(volume.resolve("config.yaml"), "setting: 2\n");
      Files.delete(volume.resolve("db/old.log"));
      Files.writeString(volume.resolve("db/new.log"), "written later\n");
      Map<String, String> changed = Tree.contents(volume);

      c.apply(NS, "/seed/replicationdestination.yaml", ReplicationDestination.class);
      h.await("the restore", 90, () -> finished(c, NS, "app-dst", 1));
      var st = status(c, NS, "app-dst");
      assertThat(st.lastResult().outcome()).isEqualTo("ok");
      assertThat(st.restic().restoredSnapshot()).isEqualTo(backup);
      assertThat(st.lastManualSync()).isEqualTo("restore-once");
      assertThat(condition(c, NS, "app-dst", "Restored").getStatus()).isEqualTo("True");
      assertThat(Tree.contents(h.standIn.volume(NS, "volsync-app-dst-dest")))
          .isEqualTo(backedUp);
      assertThat(Tree.contents(h.standIn.snapshot(NS, st.latestImage().getName())))
          .isEqualTo(backedUp);
      assertThat(Tree.contents(volume)).isEqualTo(changed);
      ResticBinary.require().run(repo, PASSWORD, "check").assertOk();
      h.await("the destination's metrics", 10, () -> SourceSnapshotTest.metrics(h).contains(
          "cairn_sync_runs_total{method=\"restic\",obj_name=\"app-dst\",obj_namespace=\"app\","
              + "outcome=\"ok\",role=\"destination\"} 1"));
      assertThat(SourceSnapshotTest.metrics(h)).contains("volsync_volume_out_of_sync{method="
          + "\"restic\",obj_name=\"app-dst\",obj_namespace=\"app\",role=\"destination\"} 0");
    }
  }
}
