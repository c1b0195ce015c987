package dev.cairn.e2e;

import static dev.cairn.e2e.RestoreScene.NS;
import static dev.cairn.e2e.RestoreScene.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.restore.RestoreFailedException;
import dev.cairn.operator.restore.RestoreStep;
import dev.cairn.operator.restore.StepHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code restore-pvc} refuses, naming the object, an unknown PVC, a PVC no or
 * several ReplicationSources back up, a source mid-run and pods without a controller; and
 * {@code --dry-run} lists the steps and changes nothing.
 */
class RestorePvcRefusalTest {
  @TempDir Path tmp;

  @Test
  void refusesWhatItCannotDoSafelyAndADryRunChangesNothing() throws Exception {
    Path repo = tmp.resolve("repo");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("a.txt"), "a\n");
    new Backups(repo, PASSWORD, tmp.resolve("backups")).backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      RestoreScene s = new RestoreScene(h, repo);
      refused(s, "nope", "PersistentVolumeClaim app/nope not found");

      s.pvc("orphan", Map.of());
      refused(s, "orphan", "no ReplicationSource with a restic mover backs up"
          + " PersistentVolumeClaim app/orphan");

      s.pvc("twice", Map.of());
      s.source("first", "twice");
      s.source("second", "twice");
      refused(s, "twice", "ReplicationSources first, second all back up PersistentVolumeClaim"
          + " app/twice");

      s.pvc("busy", Map.of());
      // a backup held mid-run: its VolumeSnapshot does not become ready
      h.standIn.holdSnapshots(true);
      h.cluster.snapshotClass("csi", true);
      h.cluster.applyYaml(NS, """
          apiVersion: volsync.backube/v1alpha1
          kind: ReplicationSource
          metadata: {name: busy-backup}
          spec:
            sourcePVC: busy
            trigger: {manual: now}
            restic: {repository: repo, copyMethod: Snapshot}
          """, ReplicationSource.class);
      h.await("busy-backup mid-run", 20, () -> {
        ReplicationSource rs = h.cluster.source(NS, "busy-backup");
        return rs.getStatus() != null && rs.getStatus().lastSyncStartTime() != null;
      });
      refused(s, "busy", "ReplicationSource app/busy-backup is mid-run");

      s.pvc("shared", Map.of());
      s.source("shared-backup", "shared");
      s.pod("debug-shell", "debug", "shared", null);
      refused(s, "shared", "pods without a controller mount PersistentVolumeClaim app/shared:"
          + " debug-shell");

      s.pvc("data", Map.of("live.txt", "live\n"));
      s.source("data-backup", "data");
      s.deployment("web", "data", 2);
      String volume = s.volumeName("data");
      int pvcs = h.cluster.client().persistentVolumeClaims().inNamespace(NS).list().getItems()
          .size();
      s.restore("data", null, null, true, StepHook.NONE);
      assertThat(s.output).anyMatch(l -> l.startsWith("would restore: ")
          && l.contains("PersistentVolumeClaim app/data-restored-")
          && l.contains("ReplicationDestination app/restore-pvc-data"));
      assertThat(s.output).anyMatch(l -> l.startsWith("would scale-down: ")
          && l.contains("Deployment web"));
      assertThat(s.output).anyMatch(l -> l.startsWith("would rebind: "));
      assertThat(s.output).anyMatch(l -> l.contains("nothing was changed"));
      Thread.sleep(500);
      assertThat(s.volumeName("data")).isEqualTo(volume);
      assertThat(s.replicas("web")).isEqualTo(2);
      assertThat(h.cluster.client().pods().inNamespace(NS).withLabel("app", "web").list()
          .getItems()).hasSize(1);
      assertThat(h.cluster.client().persistentVolumeClaims().inNamespace(NS).list().getItems())
          .hasSize(pvcs);
      assertThat(h.cluster.client().resources(ReplicationDestination.class).inNamespace(NS)
          .list().getItems()).isEmpty();
      assertThat(h.cluster.client().persistentVolumes().withName(volume).get().getSpec()
          .getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
      assertThat(h.cluster.client().v1().events().inNamespace(NS).list().getItems())
          .noneMatch(e -> e.getReason().startsWith("RestorePvc"));
    }
  }

  @Test
  void theCommandRefusesAsOfWithPreviousAndABadTimeoutBeforeTouchingACluster() {
    for (String[] args : new String[][] {
        {"restore-pvc", "--namespace", NS, "--pvc", "data", "--as-of", "2026-01-02T03:04:05Z",
            "--previous", "1"},
        {"restore-pvc", "--namespace", NS, "--pvc", "data", "--timeout", "ten minutes"}}) {
      var out = new java.io.ByteArrayOutputStream();
      var err = new java.io.ByteArrayOutputStream();
      int code = dev.cairn.cli.Main.run(args, Map.of(), out, err);
      assertThat(code).isEqualTo(1);
      assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("cairn restore-pvc: ")
          .containsAnyOf("--as-of and --previous exclude each other", "ten minutes");
    }
  }

  private static void refused(RestoreScene s, String pvc, String says) {
    assertThatThrownBy(() -> s.restore(pvc, null, null, false, StepHook.NONE))
        .as(pvc).isInstanceOf(RestoreFailedException.class).hasMessageContaining(says)
        .satisfies(e -> assertThat(((RestoreFailedException) e).step())
            .isEqualTo(RestoreStep.PREFLIGHT));
  }
}
