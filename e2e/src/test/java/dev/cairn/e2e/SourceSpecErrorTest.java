package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: each bad spec (missing Secret or key, invalid cron, missing PVC, unknown
 * copyMethod, missing VolumeSnapshotClass, another mover) gives {@code Synchronizing=False}
 * with reason {@code Error} and a message naming the object or field, a {@code SpecError} event,
 * and no Job; fixing the spec recovers without a restart.
 */
class SourceSpecErrorTest {
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  /** One namespace per bad spec: what to apply, and the message its condition must give. */
  record Case(String ns, String yaml, String message) {}

  static final String GOOD = """
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationSource
      metadata: {name: app}
      spec:
        sourcePVC: %s
        trigger: {schedule: "%s"}
        restic:
          copyMethod: %s
          repository: %s
          volumeSnapshotClassName: %s
          retain: {hourly: 24}
      """;

  static String source(String pvc, String cron, String copyMethod, String secret,
      String snapshotClass) {
    return GOOD.formatted(pvc, cron, copyMethod, secret, snapshotClass);
  }

  @Test
  void everyBadSpecIsAConditionAndAnEventAndNoJobAndFixingItRecovers() throws Exception {
    List<Case> cases = List.of(
        new Case("no-secret", source("app", "0 * * * *", "Direct", "missing-secret", "csi"),
            "Secret missing-secret not found"),
        new Case("no-key", source("app", "0 * * * *", "Direct", "partial-secret", "csi"),
            "Secret partial-secret has no key RESTIC_PASSWORD"),
        new Case("bad-cron", source("app", "61 * * * *", "Direct", "repo", "csi"),
            "61"),
        new Case("no-pvc", source("nothing-here", "0 * * * *", "Direct", "repo", "csi"),
            "PersistentVolumeClaim nothing-here not found"),
        new Case("bad-method", source("app", "0 * * * *", "Mirror", "repo", "csi"),
            "spec.restic.copyMethod \"Mirror\" is not one of Direct, None, Clone, Snapshot"),
        new Case("no-class", source("app", "0 * * * *", "Snapshot", "repo", "no-such-class"),
            "VolumeSnapshotClass no-such-class not found"),
        new Case("rsync", """
            apiVersion: volsync.backube/v1alpha1
            kind: ReplicationSource
            metadata: {name: app}
            spec:
              sourcePVC: app
              trigger: {schedule: "0 * * * *"}
              rsync: {copyMethod: Direct}
            """, "rsync"));
    Path repo = tmp.resolve("repo");
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.snapshotClass("csi", false);
      for (Case k : cases) {
        c.namespace(k.ns(), Map.of());
        c.pvc(k.ns(), "app", "1Gi", "ceph-block", "ReadWriteOnce");
        Files.writeString(h.standIn.volume(k.ns(), "app").resolve("file.txt"), k.ns());
        c.secret(k.ns(), "repo", Map.of("RESTIC_REPOSITORY", repo.resolve(k.ns()).toString(),
            "RESTIC_PASSWORD", PASSWORD));
        c.secret(k.ns(), "partial-secret", Map.of("RESTIC_REPOSITORY",
            repo.resolve(k.ns()).toString()));
      }
      h.start("cairn:test");
      for (Case k : cases) {
        c.applyYaml(k.ns(), k.yaml(), ReplicationSource.class);
      }
      for (Case k : cases) {
        h.await(k.ns() + "'s condition", 30, () -> specError(c, k.ns()) != null);
        Condition sync = specError(c, k.ns());
        assertThat(sync.getMessage()).as(k.ns()).contains(k.message());
        assertThat(sync.getObservedGeneration()).isEqualTo(1L);
        h.await(k.ns() + "'s event", 10, () -> !events(c, k.ns(), "SpecError").isEmpty());
        assertThat(events(c, k.ns(), "SpecError").get(0).getMessage()).contains(k.message());
        assertThat(events(c, k.ns(), "SpecError").get(0).getType()).isEqualTo("Warning");
      }
      Thread.sleep(2000); // several resyncs: still nothing runs, and the event is not repeated
      for (Case k : cases) {
        assertThat(c.client().batch().v1().jobs().inNamespace(k.ns()).list().getItems())
            .as(k.ns()).isEmpty();
        assertThat(events(c, k.ns(), "SpecError")).as(k.ns()).hasSize(1);
        assertThat(events(c, k.ns(), "SyncStarted")).as(k.ns()).isEmpty();
      }
      assertThat(h.standIn.processesRun()).isZero();

      // fixing the spec recovers, without a restart
      c.secret("no-secret", "missing-secret", Map.of("RESTIC_REPOSITORY",
          repo.resolve("no-secret").toString(), "RESTIC_PASSWORD", PASSWORD));
      c.client().resources(ReplicationSource.class).inNamespace("bad-cron").withName("app")
          .edit(rs -> {
            rs.setSpec(c.parse(source("app", "30 * * * *", "Direct", "repo", "csi"),
                ReplicationSource.class).getSpec());
            return rs;
          });
      for (String ns : List.of("no-secret", "bad-cron")) {
        h.await(ns + " recovering", 90, () -> !events(c, ns, "SyncSucceeded").isEmpty()
            && "WaitingForSchedule".equals(condition(c.source(ns, "app"), "Synchronizing")
                .getReason()));
        assertThat(c.source(ns, "app").getStatus().lastResult().outcome()).isEqualTo("ok");
      }
      assertThat(c.source("bad-cron", "app").getStatus().nextSyncTime())
          .isEqualTo(OperatorHarness.START.plus(Duration.ofHours(1)).toString());
    }
  }

  static Condition specError(MockCluster c, String ns) {
    ReplicationSource rs = c.source(ns, "app");
    if (rs == null || rs.getStatus() == null || rs.getStatus().conditions() == null) {
      return null;
    }
    Condition sync = condition(rs, "Synchronizing");
    return sync != null && "False".equals(sync.getStatus()) && "Error".equals(sync.getReason())
        ? sync : null;
  }

  static Condition condition(ReplicationSource rs, String type) {
    return rs.getStatus().conditions().stream().filter(x -> type.equals(x.getType()))
        .findFirst().orElse(null);
  }

  static List<Event> events(MockCluster c, String ns, String reason) {
    return c.client().v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }
}
