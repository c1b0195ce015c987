package dev.cairn.e2e;

import static dev.cairn.e2e.RestoreScene.NS;
import static dev.cairn.e2e.RestoreScene.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.restore.RestoreFailedException;
import dev.cairn.operator.restore.RestoreRequest;
import dev.cairn.operator.restore.StepHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code restore-pvc} of a StatefulSet's claim (from its volumeClaimTemplate)
 * restores the snapshot {@code --as-of} selects and brings the replicas back; a time no
 * snapshot matches, and a {@code --from} destination with the wrong password, fail at the
 * restore step with the destination's reason, before anything is disturbed.
 */
class RestorePvcStatefulSetTest {
  @TempDir Path tmp;

  @Test
  void restoresAsOfTheMiddleSnapshotAndRefusesATimeNoSnapshotMatches() throws Exception {
    Path repo = tmp.resolve("repo");
    Backups backups = new Backups(repo, PASSWORD, tmp.resolve("backups"));
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("table.db"), "v1\n");
    backups.backup(app);
    Files.writeString(app.resolve("table.db"), "v2\n");
    Files.createDirectories(app.resolve("wal"));
    Files.writeString(app.resolve("wal/0001"), "log\n");
    Map<String, String> v2 = Tree.contents(app);
    Backups.Saved s2 = backups.backup(app);
    Files.writeString(app.resolve("table.db"), "v3\n");
    backups.backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      RestoreScene s = new RestoreScene(h, repo);
      Map<String, String> live = Map.of("table.db", "live\n");
      s.pvc("data-db-0", live);
      s.source("db-backup", "data-db-0");
      s.statefulSet("db", "data", 1);
      String original = s.volumeName("data-db-0");

      assertThatThrownBy(() -> s.restore("data-db-0", "2001-02-03T04:05:06Z", null, false,
          StepHook.NONE)).isInstanceOf(RestoreFailedException.class)
          .hasMessageContaining("step restore")
          .hasMessageContaining("restored no snapshot")
          .hasMessageContaining("RESTORE_AS_OF=2001-02-03T04:05:06Z");
      assertThat(s.volumeName("data-db-0")).isEqualTo(original);
      assertThat(Tree.contents(h.standIn.volume(NS, "data-db-0"))).isEqualTo(live);
      assertThat(s.statefulSetReplicas("db")).isEqualTo(1);
      assertThat(h.cluster.client().pods().inNamespace(NS).withName("db-0").get()).isNotNull();

      // --from a destination whose Secret has the wrong password: a real failure, rolled back
      h.cluster.secret(NS, "wrong", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", "not-the-password"));
      h.cluster.applyYaml(NS, """
          apiVersion: volsync.backube/v1alpha1
          kind: ReplicationDestination
          metadata: {name: wrong-key}
          spec:
            paused: true
            restic: {repository: wrong}
          """, ReplicationDestination.class);
      assertThatThrownBy(() -> s.restore(new RestoreRequest(NS, "data-db-0", null, null,
          "wrong-key", false, Duration.ofSeconds(60)), StepHook.NONE))
          .isInstanceOf(RestoreFailedException.class).hasMessageContaining("step restore")
          .hasMessageContaining("password").hasMessageContaining("rolled back");
      assertThat(s.volumeName("data-db-0")).isEqualTo(original);
      assertThat(Tree.contents(h.standIn.volume(NS, "data-db-0"))).isEqualTo(live);

      s.restore("data-db-0", s2.asOf(), null, false, StepHook.NONE);
      assertThat(s.volumeName("data-db-0")).isNotEqualTo(original);
      assertThat(Tree.contents(h.standIn.volume(NS, "data-db-0"))).isEqualTo(v2);
      assertThat(s.statefulSetReplicas("db")).isEqualTo(1);
      assertThat(s.output).anyMatch(l -> l.contains("restored snapshot " + s2.id()));
      assertThat(h.cluster.client().persistentVolumes().withName(original).get())
          .as("the old volume, kept").isNotNull();
    }
  }
}
