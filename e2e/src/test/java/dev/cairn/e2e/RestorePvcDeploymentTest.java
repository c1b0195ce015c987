package dev.cairn.e2e;

import static dev.cairn.e2e.RestoreScene.NS;
import static dev.cairn.e2e.RestoreScene.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.restore.RestoreFailedException;
import dev.cairn.operator.restore.RestoreRequest;
import dev.cairn.operator.restore.RestoreStep;
import dev.cairn.operator.restore.StepHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code restore-pvc} of a Deployment's PVC puts the selected snapshot under the
 * PVC's name, on the restored volume, keeps the old volume, and brings the replicas back; a
 * failure injected before each step leaves the original PVC on its volume with its data and
 * the replicas as they were.
 */
class RestorePvcDeploymentTest {
  @TempDir Path tmp;

  @Test
  void restoresTheSelectedSnapshotInPlaceAndScalesBack() throws Exception {
    Path repo = tmp.resolve("repo");
    Backups backups = new Backups(repo, PASSWORD, tmp.resolve("backups"));
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("version.txt"), "1\n");
    Map<String, String> v1 = Tree.contents(app);
    backups.backup(app);
    Files.writeString(app.resolve("version.txt"), "2\n");
    Files.writeString(app.resolve("new.txt"), "new\n");
    backups.backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      RestoreScene s = new RestoreScene(h, repo);
      s.pvc("data", Map.of("live.txt", "written after the backups\n"));
      s.source("data-backup", "data");
      s.deployment("web", "data", 2);
      String original = s.volumeName("data");
      Path originalDir = h.standIn.volume(NS, "data");

      s.restore("data", null, 1, false, StepHook.NONE);

      assertThat(s.volumeName("data")).isNotNull().isNotEqualTo(original);
      assertThat(Tree.contents(h.standIn.volume(NS, "data"))).isEqualTo(v1);
      assertThat(s.replicas("web")).isEqualTo(2);
      assertThat(h.cluster.client().apps().deployments().inNamespace(NS).withName("web").get()
          .getMetadata().getAnnotations()).doesNotContainKey("cairn.dev/restore-pvc-replicas");
      var old = h.cluster.client().persistentVolumes().withName(original).get();
      assertThat(old.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
      assertThat(Tree.contents(originalDir))
          .isEqualTo(Map.of("live.txt", "written after the backups\n"));
      assertThat(h.cluster.client().resources(ReplicationDestination.class).inNamespace(NS)
          .list().getItems()).isEmpty();
      assertThat(h.cluster.client().persistentVolumeClaims().inNamespace(NS).list().getItems())
          .extracting(p -> p.getMetadata().getName()).containsExactly("data");
      assertThat(s.output).anyMatch(l -> l.startsWith("restore: ") && l.contains("restored"))
          .anyMatch(l -> l.contains("kubectl delete pv " + original));
      assertThat(Destinations.events(h.cluster, NS, "data", "RestorePvcSucceeded")).hasSize(1);
      assertThat(Destinations.events(h.cluster, NS, "data", "RestorePvcScaleDown")).hasSize(1);
    }
  }

  @Test
  void aFailureAtEachStepRollsBack() throws Exception {
    Path repo = tmp.resolve("repo");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("version.txt"), "backed up\n");
    new Backups(repo, PASSWORD, tmp.resolve("backups")).backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      RestoreScene s = new RestoreScene(h, repo);
      Map<String, String> live = Map.of("live.txt", "live\n");
      s.pvc("data", live);
      s.source("data-backup", "data");
      s.deployment("web", "data", 3);
      String original = s.volumeName("data");
      for (RestoreStep failing : RestoreStep.values()) {
        if (failing == RestoreStep.PREFLIGHT) {
          continue;
        }
        StepHook hook = step -> {
          if (step == failing) {
            throw new IllegalStateException("injected at " + step.label());
          }
        };
        assertThatThrownBy(() -> s.restore("data", null, null, false, hook))
            .as(failing.label()).isInstanceOf(RestoreFailedException.class)
            .hasMessageContaining("step " + failing.label())
            .hasMessageContaining("injected at " + failing.label())
            .hasMessageContaining("rolled back");
        h.await("PVC data bound after " + failing.label(), 10,
            () -> original.equals(s.volumeName("data")));
        assertThat(Tree.contents(h.standIn.volume(NS, "data"))).as(failing.label())
            .isEqualTo(live);
        assertThat(s.replicas("web")).as(failing.label()).isEqualTo(3);
        assertThat(h.cluster.client().persistentVolumes().withName(original).get().getSpec()
            .getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
        assertThat(h.cluster.client().persistentVolumeClaims().inNamespace(NS).list()
            .getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("data");
        if (h.cluster.client().pods().inNamespace(NS).withLabel("app", "web").list().getItems()
            .isEmpty()) {
          s.pod("web-5d8f-x1", "web", "data", "ReplicaSet");
        }
      }
    }
  }

  @Test
  void aScaleDownThatTimesOutRollsBackAndARerunComesBackToTheRecordedReplicas()
      throws Exception {
    Path repo = tmp.resolve("repo");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("version.txt"), "backed up\n");
    Map<String, String> backedUp = Tree.contents(app);
    new Backups(repo, PASSWORD, tmp.resolve("backups")).backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      RestoreScene s = new RestoreScene(h, repo);
      Map<String, String> live = Map.of("live.txt", "live\n");
      s.pvc("data", live);
      s.source("data-backup", "data");
      s.deployment("web", "data", 2);
      s.pod("legacy-7c9-x2", "legacy", "data", "ReplicaSet"); // no workload scales it down
      String original = s.volumeName("data");

      assertThatThrownBy(() -> s.restore(new RestoreRequest(NS, "data", null, null, null, false,
          Duration.ofSeconds(15)), StepHook.NONE)).isInstanceOf(RestoreFailedException.class)
          .hasMessageContaining("step scale-down")
          .hasMessageContaining("timed out after 15s waiting for the pods mounting"
              + " PersistentVolumeClaim app/data to go")
          .hasMessageContaining("rolled back");
      assertThat(s.volumeName("data")).isEqualTo(original);
      assertThat(Tree.contents(h.standIn.volume(NS, "data"))).isEqualTo(live);
      assertThat(s.replicas("web")).isEqualTo(2);
      assertThat(Destinations.events(h.cluster, NS, "data", "RestorePvcFailed")).hasSize(1);

      // a run that died after scaling down left its record; the rerun restores the count
      h.cluster.client().pods().inNamespace(NS).withName("legacy-7c9-x2").delete();
      h.cluster.client().apps().deployments().inNamespace(NS).withName("web").edit(d -> {
        d.getSpec().setReplicas(0);
        d.getMetadata().setAnnotations(Map.of("cairn.dev/restore-pvc-replicas", "2"));
        return d;
      });
      s.restore("data", null, null, false, StepHook.NONE);
      assertThat(s.replicas("web")).isEqualTo(2);
      assertThat(Tree.contents(h.standIn.volume(NS, "data"))).isEqualTo(backedUp);
    }
  }
}
