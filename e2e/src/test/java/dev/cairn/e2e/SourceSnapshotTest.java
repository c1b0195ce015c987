package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.testing.ResticBinary;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the seed's ReplicationSource (hourly, copyMethod Snapshot, 24 hourly + 7 daily,
 * weekly prune) backs its PVC up through a VolumeSnapshot, with the objects Volsync would make,
 * on its schedule, into a repository restic accepts; status, events and metrics say so.
 */
class SourceSnapshotTest {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  @Test
  void theSeedsReplicationSourceBacksUpOnScheduleThroughASnapshot() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.namespace(NS, Map.of());
      c.pvc(NS, "app", "2Gi", "ceph-block", "ReadWriteOnce");
      Path volume = h.standIn.volume(NS, "app");
      Files.writeString(volume.resolve("config.yaml"), "setting: 1\n");
      Files.createDirectories(volume.resolve("db"));
      Files.write(volume.resolve("db/data.bin"), new byte[300_000]);
      c.secret(NS, "app-volsync-secret", Map.of("RESTIC_REPOSITORY", repo.toString(),
          "RESTIC_PASSWORD", PASSWORD, "AWS_ACCESS_KEY_ID", "unused-here"));
      c.snapshotClass("csi-ceph-blockpool", false);
      h.start("registry.example/cairn:test");
      ReplicationSource applied = c.apply(NS, "/seed/replicationsource.yaml",
          ReplicationSource.class);

      h.await("the first sync", 90, () -> synced(c, 1));
      ReplicationSource rs = c.source(NS, "app");
      var st = rs.getStatus();
      assertThat(st.lastSyncTime()).isEqualTo(at(0).toString());
      assertThat(st.nextSyncTime()).isEqualTo(at(30).toString());
      assertThat(st.lastSyncStartTime()).isNull();
      assertThat(st.lastResult().outcome()).isEqualTo("ok");
      assertThat(st.lastResult().snapshotId()).hasSize(64);
      assertThat(st.latestMoverStatus().result()).isEqualTo("Successful");
      assertThat(condition(rs, "Synchronizing").getReason()).isEqualTo("WaitingForSchedule");
      assertThat(condition(rs, "LastSyncSucceeded").getStatus()).isEqualTo("True");
      assertThat(condition(rs, "LastSyncSucceeded").getObservedGeneration())
          .isEqualTo(applied.getMetadata().getGeneration());

      // what the operator created, field by field, as Volsync would
      var vs = h.standIn.snapshotsSeen().get("volsync-app-src");
      assertThat(vs.getMetadata().getLabels())
          .containsEntry("volsync.backube/cleanup", rs.getMetadata().getUid());
      assertThat(vs.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
          "source", Map.of("persistentVolumeClaimName", "app"),
          "volumeSnapshotClassName", "csi-ceph-blockpool"));
      var pit = h.standIn.pvcSeen(NS, "volsync-app-src");
      assertThat(pit.getSpec().getDataSource().getKind()).isEqualTo("VolumeSnapshot");
      assertThat(pit.getSpec().getDataSource().getName()).isEqualTo("volsync-app-src");
      assertThat(pit.getSpec().getResources().getRequests().get("storage").toString())
          .isEqualTo("2Gi");
      assertThat(pit.getSpec().getStorageClassName()).isEqualTo("ceph-block");
      assertThat(pit.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      var cache = c.client().persistentVolumeClaims().inNamespace(NS)
          .withName("volsync-src-app-cache").get();
      assertThat(cache.getSpec().getResources().getRequests().get("storage").toString())
          .isEqualTo("1Gi");
      assertThat(cache.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      assertThat(cache.getMetadata().getLabels()).doesNotContainKey("volsync.backube/cleanup");
      assertThat(c.client().serviceAccounts().inNamespace(NS).withName("volsync-src-app").get())
          .isNotNull();
      Job job = h.standIn.jobSeen(NS, "volsync-src-app");
      var pod = job.getSpec().getTemplate().getSpec();
      var ctr = pod.getContainers().get(0);
      assertThat(ctr.getName()).isEqualTo("restic");
      assertThat(ctr.getImage()).isEqualTo("registry.example/cairn:test");
      assertThat(ctr.getCommand()).containsExactly("cairn");
      assertThat(ctr.getArgs()).containsExactly("mover", "backup");
      assertThat(ctr.getEnv().stream().map(EnvVar::getName)).containsExactly(
          "FORGET_OPTIONS", "DATA_DIR", "RESTIC_CACHE_DIR", "RESTORE_AS_OF", "SELECT_PREVIOUS",
          "RESTORE_OPTIONS", "RESTIC_REPOSITORY", "RESTIC_PASSWORD", "AWS_ACCESS_KEY_ID",
          "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "PRIVILEGED_MOVER",
          "CAIRN_MOVER_JOB");
      assertThat(env(ctr.getEnv(), "FORGET_OPTIONS")).isEqualTo(" --keep-hourly 24 --keep-daily 7");
      assertThat(env(ctr.getEnv(), "DATA_DIR")).isEqualTo("/data");
      assertThat(env(ctr.getEnv(), "PRIVILEGED_MOVER")).isEqualTo("0");
      assertThat(ctr.getEnv().get(7).getValueFrom().getSecretKeyRef().getName())
          .isEqualTo("app-volsync-secret");
      assertThat(ctr.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(ctr.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(ctr.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(pod.getVolumes()).extracting(v -> v.getName())
          .containsExactly("data", "cache", "tempdir");
      assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
          .isEqualTo("volsync-app-src");
      assertThat(pod.getServiceAccountName()).isEqualTo("volsync-src-app");
      assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
          .containsEntry("volsync.backube/owner", "app");
      assertThat(job.getSpec().getBackoffLimit()).isZero();

      // the temporaries are gone, the cache stays
      h.await("cleanup", 30, () -> c.client().batch().v1().jobs().inNamespace(NS)
          .withName("volsync-src-app").get() == null
          && c.client().persistentVolumeClaims().inNamespace(NS).withName("volsync-app-src")
              .get() == null);

      // restic reads what the mover wrote
      restic.run(repo, PASSWORD, "check").assertOk();
      String snapshots = restic.run(repo, PASSWORD, "snapshots", "--json").assertOk()
          .stdoutText();
      assertThat(snapshots).contains("\"hostname\":\"volsync\"", "\"paths\":[\"/data\"]",
          st.lastResult().snapshotId());

      assertThat(reasons(c)).contains("SyncStarted", "SyncSucceeded");
      h.await("metrics", 10, () -> metrics(h).contains(
          "cairn_sync_runs_total{method=\"restic\",obj_name=\"app\",obj_namespace=\"app\","
              + "outcome=\"ok\",role=\"source\"} 1"));
      assertThat(metrics(h)).contains("volsync_volume_out_of_sync{method=\"restic\","
          + "obj_name=\"app\",obj_namespace=\"app\",role=\"source\"} 0");

      // the next hour's slot
      Files.writeString(volume.resolve("config.yaml"), "setting: 2\n");
      h.clock.set(at(30).plusSeconds(1));
      h.await("the scheduled sync", 90, () -> synced(c, 2));
      assertThat(c.source(NS, "app").getStatus().nextSyncTime())
          .isEqualTo(at(90).toString());

      // a week later the run prunes too
      Instant week = at(Duration.ofDays(8).toMinutes() - 30).plusSeconds(1);
      h.clock.set(week);
      h.await("the run with prune", 90, () -> synced(c, 3));
      var pruned = c.source(NS, "app").getStatus();
      assertThat(h.standIn.jobSeen(NS, "volsync-src-app").getSpec().getTemplate().getSpec()
          .getContainers().get(0).getArgs()).containsExactly("mover", "backup", "prune");
      assertThat(pruned.restic().lastPruned()).isEqualTo(week.toString());
      restic.run(repo, PASSWORD, "check").assertOk();

      // deleting the resource removes its series
      c.client().resources(ReplicationSource.class).inNamespace(NS).withName("app").delete();
      h.await("series removed", 10, () -> !metrics(h).contains("obj_name=\"app\""));
    }
  }

  /** The resource completed {@code n} syncs (counting the stand-in's mover processes). */
  static boolean synced(MockCluster c, int n) {
    ReplicationSource rs = c.source(NS, "app");
    return rs != null && rs.getStatus() != null && rs.getStatus().lastResult() != null
        && rs.getStatus().lastSyncStartTime() == null
        && countRuns(c) >= n;
  }

  static long countRuns(MockCluster c) {
    return events(c).stream().filter(e -> "SyncSucceeded".equals(e.getReason())).count();
  }

  static List<Event> events(MockCluster c) {
    return c.client().v1().events().inNamespace(NS).list().getItems();
  }

  static List<String> reasons(MockCluster c) {
    return events(c).stream().map(Event::getReason).toList();
  }

  static Condition condition(ReplicationSource rs, String type) {
    return rs.getStatus().conditions().stream().filter(x -> type.equals(x.getType()))
        .findFirst().orElseThrow();
  }

  static String env(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
        .getValue();
  }

  static String metrics(OperatorHarness h) {
    try {
      return h.http("/metrics");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The operator's time {@code minutes} after the harness's start (half past an hour). */
  static Instant at(long minutes) {
    return OperatorHarness.START.plus(Duration.ofMinutes(minutes));
  }
}
