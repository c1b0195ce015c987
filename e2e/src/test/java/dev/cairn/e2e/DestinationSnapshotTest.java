package dev.cairn.e2e;

import static dev.cairn.e2e.Destinations.condition;
import static dev.cairn.e2e.Destinations.events;
import static dev.cairn.e2e.Destinations.finished;
import static dev.cairn.e2e.Destinations.patch;
import static dev.cairn.e2e.Destinations.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a ReplicationDestination with copyMethod Snapshot restores, then snapshots the
 * restored PVC with the cluster's default VolumeSnapshotClass; that snapshot becomes {@code
 * latestImage}, the one before is deleted unless labelled do-not-delete (then it is released),
 * and {@code cleanupTempPVC}/{@code cleanupCachePVC} remove the volumes after the sync. Without
 * a default class the destination says so and starts nothing until one exists; a snapshot not
 * yet ready to use is not an image.
 */
class DestinationSnapshotTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
      .withZone(ZoneOffset.UTC);
  @TempDir Path tmp;

  @Test
  void theSeedsDestinationMakesAnImageSnapshotAndRotatesIt() throws Exception {
    Path repo = tmp.resolve("repo");
    Backups backups = new Backups(repo, PASSWORD, tmp.resolve("backups"));
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("a.txt"), "first\n");
    Map<String, String> v1 = Tree.contents(app);
    Backups.Saved s1 = backups.backup(app);
    Files.writeString(app.resolve("b.txt"), "second\n");
    Map<String, String> v2 = Tree.contents(app);
    Backups.Saved s2 = backups.backup(app);

    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.secret(NS, "app-volsync-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD));
      c.snapshotClass("csi-other", false);
      c.snapshotClass("csi-default", true);
      h.start("cairn:test");
      ReplicationDestination rd = c.apply(NS, "/seed/replicationdestination.yaml",
          ReplicationDestination.class);

      h.await("the seed's restore", 90, () -> finished(c, NS, "app-dst", 1));
      String first = "volsync-app-dst-dest-" + STAMP.format(h.clock.instant());
      var st = status(c, NS, "app-dst");
      assertThat(st.lastResult().outcome()).isEqualTo("ok");
      assertThat(st.latestImage()).isEqualTo(new TypedLocalObjectReference(
          "snapshot.storage.k8s.io", "VolumeSnapshot", first));
      assertThat(st.restic().restoredSnapshot()).isEqualTo(s2.id());
      assertThat(Tree.contents(h.standIn.snapshot(NS, first))).isEqualTo(v2);
      GenericKubernetesResource vs = snapshot(c, first);
      assertThat(vs.getAdditionalProperties().get("spec"))
          .isEqualTo(Map.of("source", Map.of("persistentVolumeClaimName", "volsync-app-dst-dest")));
      assertThat(vs.getMetadata().getOwnerReferences().get(0).getUid())
          .isEqualTo(rd.getMetadata().getUid());
      assertThat(vs.getMetadata().getLabels()).doesNotContainKey("volsync.backube/cleanup");
      var pvc = c.client().persistentVolumeClaims().inNamespace(NS)
          .withName("volsync-app-dst-dest").get();
      assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString())
          .isEqualTo("5Gi");
      assertThat(pvc.getMetadata().getAnnotations()).doesNotContainKey("volsync.backube/snapname");
      assertThat(condition(c, NS, "app-dst", "Restored").getMessage())
          .contains("image VolumeSnapshot " + first);
      assertThat(h.standIn.jobSeen(NS, "volsync-dst-app-dst").getSpec().getTemplate().getSpec()
          .getContainers().get(0).getEnv()).anyMatch(e -> e.getName().equals("RESTORE_OPTIONS")
              && "--delete".equals(e.getValue()));

      // the next restore replaces the image and deletes the one before
      h.clock.advance(Duration.ofMinutes(1));
      patch(c, NS, "app-dst", "{\"spec\":{\"trigger\":{\"manual\":\"again\"},\"restic\":"
          + "{\"restoreAsOf\":\"" + s1.asOf() + "\"}}}");
      h.await("the second restore", 90, () -> finished(c, NS, "app-dst", 2));
      String second = "volsync-app-dst-dest-" + STAMP.format(h.clock.instant());
      assertThat(status(c, NS, "app-dst").latestImage().getName()).isEqualTo(second);
      assertThat(status(c, NS, "app-dst").restic().restoredSnapshot()).isEqualTo(s1.id());
      assertThat(Tree.contents(h.standIn.snapshot(NS, second))).isEqualTo(v1);
      h.await("the first image deleted", 10, () -> snapshot(c, first) == null);

      // an image the user keeps is released instead
      GenericKubernetesResource kept = snapshot(c, second);
      Map<String, String> labels = new HashMap<>(kept.getMetadata().getLabels());
      labels.put("volsync.backube/do-not-delete", "true");
      kept.getMetadata().setLabels(labels);
      c.client().resource(kept).update();
      h.await("the kept image released", 10,
          () -> snapshot(c, second).getMetadata().getOwnerReferences().isEmpty());
      h.clock.advance(Duration.ofMinutes(1));
      patch(c, NS, "app-dst", "{\"spec\":{\"trigger\":{\"manual\":\"third\"},"
          + "\"restic\":{\"cleanupTempPVC\":true,\"cleanupCachePVC\":true}}}");
      h.await("the third restore", 90, () -> finished(c, NS, "app-dst", 3));
      String third = "volsync-app-dst-dest-" + STAMP.format(h.clock.instant());
      assertThat(status(c, NS, "app-dst").latestImage().getName()).isEqualTo(third);
      assertThat(snapshot(c, second)).isNotNull();
      assertThat(snapshot(c, third)).isNotNull();
      assertThat(Tree.contents(h.standIn.snapshot(NS, third))).isEqualTo(v1);

      // with cleanupTempPVC and cleanupCachePVC the volumes go after the sync; the image stays
      h.await("the volumes deleted", 10, () -> c.client().persistentVolumeClaims()
          .inNamespace(NS).list().getItems().isEmpty());
      assertThat(events(c, NS, "app-dst", "Restored")).hasSize(3);
      assertThat(events(c, NS, "app-dst", "SyncFailed")).isEmpty();
    }
  }

  @Test
  void withoutADefaultClassItWaitsThenSnapshotsAnExistingPvcOnceReady() throws Exception {
    Path repo = tmp.resolve("repo");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("data.txt"), "kept\n");
    Backups.Saved saved = new Backups(repo, PASSWORD, tmp.resolve("backups")).backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.pvc(NS, "restored", "1Gi", "ceph-block", "ReadWriteOnce");
      c.secret(NS, "app-volsync-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD));
      c.snapshotClass("csi-other", false);
      h.start("cairn:test");
      c.applyYaml(NS, """
          apiVersion: volsync.backube/v1alpha1
          kind: ReplicationDestination
          metadata:
            name: into-existing
          spec:
            trigger: {manual: once}
            restic:
              copyMethod: Snapshot
              repository: app-volsync-secret
              destinationPVC: restored
          """, ReplicationDestination.class);

      h.await("the condition", 30, () -> status(c, NS, "into-existing") != null
          && status(c, NS, "into-existing").conditions() != null
          && "Error".equals(condition(c, NS, "into-existing", "Synchronizing").getReason()));
      assertThat(condition(c, NS, "into-existing", "Synchronizing").getMessage()).isEqualTo(
          "no volumeSnapshotClassName given and the cluster has no default VolumeSnapshotClass"
              + " (annotation snapshot.storage.kubernetes.io/is-default-class=true)");
      assertThat(events(c, NS, "into-existing", "SpecError")).hasSize(1);
      Thread.sleep(1500);
      assertThat(h.standIn.jobsSeen()).isEmpty();
      assertThat(status(c, NS, "into-existing").latestImage()).isNull();

      // a class appears; the image is taken only once its snapshot is ready to use
      h.standIn.holdSnapshots(true);
      c.snapshotClass("csi-default", true);
      String image = "restored-" + STAMP.format(h.clock.instant());
      h.await("the image's snapshot", 90, () -> status(c, NS, "into-existing") != null
          && condition(c, NS, "into-existing", "Synchronizing").getMessage()
              .equals("waiting for VolumeSnapshot " + image + " to be ready to use"));
      assertThat(status(c, NS, "into-existing").latestImage()).isNull();
      assertThat(status(c, NS, "into-existing").lastSyncStartTime()).isNotNull();
      assertThat(Tree.contents(h.standIn.volume(NS, "restored")))
          .isEqualTo(Map.of("data.txt", "kept\n"));
      Thread.sleep(1500);
      assertThat(status(c, NS, "into-existing").latestImage()).isNull();
      h.standIn.holdSnapshots(false);
      h.await("the restore", 90, () -> finished(c, NS, "into-existing", 1));
      var st = status(c, NS, "into-existing");
      assertThat(st.latestImage().getName()).isEqualTo(image);
      assertThat(st.restic().restoredSnapshot()).isEqualTo(saved.id());
      assertThat(Tree.contents(h.standIn.volume(NS, "restored")))
          .isEqualTo(Map.of("data.txt", "kept\n"));
      assertThat(Tree.contents(h.standIn.snapshot(NS, image)))
          .isEqualTo(Map.of("data.txt", "kept\n"));
      assertThat(c.client().persistentVolumeClaims().inNamespace(NS).withName("restored").get())
          .isNotNull();
      assertThat(c.client().persistentVolumeClaims().inNamespace(NS)
          .withName("volsync-into-existing-dest").get()).isNull();
    }
  }

  static GenericKubernetesResource snapshot(MockCluster c, String name) {
    return c.client().genericKubernetesResources(ClusterStandIn.SNAPSHOTS).inNamespace(NS)
        .withName(name).get();
  }
}
