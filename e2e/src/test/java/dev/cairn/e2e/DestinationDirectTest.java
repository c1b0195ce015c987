package dev.cairn.e2e;

import static dev.cairn.e2e.Destinations.condition;
import static dev.cairn.e2e.Destinations.env;
import static dev.cairn.e2e.Destinations.events;
import static dev.cairn.e2e.Destinations.finished;
import static dev.cairn.e2e.Destinations.patch;
import static dev.cairn.e2e.Destinations.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a ReplicationDestination with copyMethod Direct restores into an existing PVC the
 * snapshot its spec selects ({@code restoreAsOf}, {@code previous}) of a repository holding
 * several, removing what the snapshot lacks only with {@code enableFileDeletion}; and, on a
 * schedule, into a PVC it creates: from an empty repository nothing, saying so, then at the next
 * slot the repository's first backup.
 */
class DestinationDirectTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  static final String RESTORE = """
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationDestination
      metadata:
        name: restore
      spec:
        trigger: {manual: first}
        restic:
          copyMethod: Direct
          repository: restore-secret
          destinationPVC: data
      """;

  @Test
  void restoresTheSelectedSnapshotIntoAnExistingPvc() throws Exception {
    Path repo = tmp.resolve("repo");
    Backups backups = new Backups(repo, PASSWORD, tmp.resolve("backups"));
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("version.txt"), "1\n");
    Files.writeString(app.resolve("only-in-1.txt"), "one\n");
    Map<String, String> v1 = Tree.contents(app);
    Backups.Saved s1 = backups.backup(app);
    Files.writeString(app.resolve("version.txt"), "2\n");
    Files.delete(app.resolve("only-in-1.txt"));
    Files.createDirectories(app.resolve("sub"));
    Files.writeString(app.resolve("sub/two.txt"), "two\n");
    Map<String, String> v2 = Tree.contents(app);
    Backups.Saved s2 = backups.backup(app);
    Files.writeString(app.resolve("version.txt"), "3\n");
    Map<String, String> v3 = Tree.contents(app);
    Backups.Saved s3 = backups.backup(app);

    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.pvc(NS, "data", "1Gi", "ceph-block", "ReadWriteOnce");
      Path volume = h.standIn.volume(NS, "data");
      Files.writeString(volume.resolve("stray.txt"), "in no snapshot\n");
      c.secret(NS, "restore-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD));
      h.start("cairn:test");
      c.applyYaml(NS, RESTORE, ReplicationDestination.class);

      // the newest snapshot, added to what the volume holds
      h.await("the first restore", 90, () -> finished(c, NS, "restore", 1));
      var st = status(c, NS, "restore");
      assertThat(st.lastResult().outcome()).isEqualTo("ok");
      assertThat(st.latestImage())
          .isEqualTo(new TypedLocalObjectReference("", "PersistentVolumeClaim", "data"));
      assertThat(st.restic().restoredSnapshot()).isEqualTo(s3.id());
      assertThat(Instant.parse(st.restic().restoredSnapshotTime())).isEqualTo(s3.time());
      assertThat(st.lastManualSync()).isEqualTo("first");
      assertThat(Tree.contents(volume)).isEqualTo(with(v3, "stray.txt", "in no snapshot\n"));
      var restored = condition(c, NS, "restore", "Restored");
      assertThat(restored.getStatus()).isEqualTo("True");
      assertThat(restored.getMessage()).contains("restored snapshot " + s3.id().substring(0, 8),
          "into PersistentVolumeClaim data");
      assertThat(condition(c, NS, "restore", "Synchronizing").getReason())
          .isEqualTo("WaitingForManual");
      assertThat(events(c, NS, "restore", "Restored").get(0).getMessage())
          .contains(s3.id().substring(0, 8), st.restic().restoredSnapshotTime());
      Job job = h.standIn.jobSeen(NS, "volsync-dst-restore");
      var pod = job.getSpec().getTemplate().getSpec();
      assertThat(pod.getContainers().get(0).getArgs()).containsExactly("mover", "restore");
      assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
          .isEqualTo("data");
      assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly()).isFalse();
      assertThat(pod.getVolumes().get(1).getPersistentVolumeClaim().getClaimName())
          .isEqualTo("volsync-dst-restore-cache");
      assertThat(pod.getServiceAccountName()).isEqualTo("volsync-dst-restore");
      assertThat(env(job, "RESTORE_AS_OF")).isEmpty();
      assertThat(env(job, "SELECT_PREVIOUS")).isEqualTo("0");
      assertThat(env(job, "RESTORE_OPTIONS")).isEmpty();
      assertThat(c.client().serviceAccounts().inNamespace(NS).withName("volsync-dst-restore")
          .get()).isNotNull();

      // restoreAsOf picks the middle one; enableFileDeletion removes what it lacks
      patch(c, NS, "restore", "{\"spec\":{\"trigger\":{\"manual\":\"second\"},\"restic\":"
          + "{\"restoreAsOf\":\"" + s2.asOf() + "\",\"enableFileDeletion\":true}}}");
      h.await("the restore as of the second snapshot", 90,
          () -> finished(c, NS, "restore", 2));
      assertThat(status(c, NS, "restore").restic().restoredSnapshot()).isEqualTo(s2.id());
      assertThat(Tree.contents(volume)).isEqualTo(v2);
      job = h.standIn.jobSeen(NS, "volsync-dst-restore");
      assertThat(env(job, "RESTORE_AS_OF")).isEqualTo(s2.asOf());
      assertThat(env(job, "RESTORE_OPTIONS")).isEqualTo("--delete");

      // previous counts back from the newest the time allows
      patch(c, NS, "restore", "{\"spec\":{\"trigger\":{\"manual\":\"third\"},\"restic\":"
          + "{\"restoreAsOf\":\"" + s3.asOf() + "\",\"previous\":2}}}");
      h.await("the restore of two before the third", 90, () -> finished(c, NS, "restore", 3));
      assertThat(status(c, NS, "restore").restic().restoredSnapshot()).isEqualTo(s1.id());
      assertThat(Tree.contents(volume)).isEqualTo(v1);
      assertThat(env(h.standIn.jobSeen(NS, "volsync-dst-restore"), "SELECT_PREVIOUS"))
          .isEqualTo("2");
      assertThat(events(c, NS, "restore", "SyncFailed")).isEmpty();
    }
  }

  @Test
  void anEmptyRepositoryRestoresNothingIntoANewPvcThenTheNextSlotRestoresItsFirstBackup()
      throws Exception {
    Path repo = tmp.resolve("new");
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.secret(NS, "restore-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD));
      h.start("cairn:test");
      c.applyYaml(NS, """
          apiVersion: volsync.backube/v1alpha1
          kind: ReplicationDestination
          metadata:
            name: fresh
          spec:
            trigger: {schedule: "0 * * * *"}
            restic:
              repository: restore-secret
              capacity: 2Gi
          """, ReplicationDestination.class);

      // Volsync's bootstrap: a success that restored nothing, and says so
      h.await("the bootstrap", 90, () -> finished(c, NS, "fresh", 1));
      var st = status(c, NS, "fresh");
      assertThat(st.lastResult().outcome()).isEqualTo("skipped-empty");
      assertThat(st.lastSyncTime()).isEqualTo(OperatorHarness.START.toString());
      assertThat(st.nextSyncTime()).isEqualTo(at(30).toString());
      assertThat(st.latestImage()).isEqualTo(
          new TypedLocalObjectReference("", "PersistentVolumeClaim", "volsync-fresh-dest"));
      assertThat(st.restic()).isNull();
      var restored = condition(c, NS, "fresh", "Restored");
      assertThat(restored.getStatus()).isEqualTo("False");
      assertThat(restored.getReason()).isEqualTo("NothingRestored");
      assertThat(restored.getMessage()).contains("the repository has no snapshot",
          "nothing was restored into PersistentVolumeClaim volsync-fresh-dest");
      assertThat(condition(c, NS, "fresh", "LastSyncSucceeded").getStatus()).isEqualTo("True");
      assertThat(condition(c, NS, "fresh", "Synchronizing").getReason())
          .isEqualTo("WaitingForSchedule");
      assertThat(events(c, NS, "fresh", "NothingRestored")).hasSize(1);
      assertThat(events(c, NS, "fresh", "Restored")).isEmpty();
      var pvc = c.client().persistentVolumeClaims().inNamespace(NS)
          .withName("volsync-fresh-dest").get();
      assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString())
          .isEqualTo("2Gi");
      assertThat(pvc.getSpec().getStorageClassName()).isNull();
      assertThat(pvc.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("fresh");
      Path volume = h.standIn.volume(NS, "volsync-fresh-dest");
      assertThat(Tree.contents(volume)).isEmpty();

      // the repository the restore created gets its first backup; the next slot restores it
      Path app = Files.createDirectories(tmp.resolve("app"));
      Files.writeString(app.resolve("first.txt"), "first backup\n");
      Backups.Saved saved = new Backups(repo, PASSWORD, tmp.resolve("backups")).backup(app);
      h.clock.set(at(30).plusSeconds(1));
      h.await("the scheduled restore", 90, () -> finished(c, NS, "fresh", 2));
      st = status(c, NS, "fresh");
      assertThat(st.restic().restoredSnapshot()).isEqualTo(saved.id());
      assertThat(st.nextSyncTime()).isEqualTo(at(90).toString());
      assertThat(condition(c, NS, "fresh", "Restored").getStatus()).isEqualTo("True");
      assertThat(Tree.contents(volume)).isEqualTo(Map.of("first.txt", "first backup\n"));
    }
  }

  /** The operator's time {@code minutes} after the harness's start (half past an hour). */
  static Instant at(long minutes) {
    return OperatorHarness.START.plus(Duration.ofMinutes(minutes));
  }

  static Map<String, String> with(Map<String, String> files, String path, String text) {
    Map<String, String> out = new TreeMap<>(files);
    out.put(path, text);
    return out;
  }
}
