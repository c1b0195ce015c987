package dev.cairn.e2e;

import static dev.cairn.e2e.DeployBundle.find;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.testing.ResticBinary;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the example application with the seed's component, rendered and substituted as
 * Flux would, applied to the mock API server with the operator running, is backed up hourly as
 * the seed's ReplicationSource is (a real backup by the real mover, into a repository restic
 * reads), using the component's cache PVC; and every API request the operator made in that run
 * is allowed by the ClusterRole and Role that {@code deploy/} renders, while every grant of the
 * ClusterRole was either used or is listed below with the reason it is needed.
 */
class DeployComponentTest {
  static final String NS = "notes";
  static final String PASSWORD = "deploy-e2e-password";

  /** Grants this run does not exercise, and why the controllers need them. */
  static final Map<String, String> NOT_EXERCISED = new TreeMap<>(Map.ofEntries(
      Map.entry("volsync.backube replicationdestinations get", "the destination controller"),
      Map.entry("volsync.backube replicationdestinations/status get", "destination status"),
      Map.entry("volsync.backube replicationdestinations/status update", "destination status"),
      Map.entry("volsync.backube replicationsources get", "a reconcile re-reading its source"),
      Map.entry("volsync.backube replicationsources/status get", "status read back"),
      Map.entry("volsync.backube replicationsources/status update", "status written whole"),
      Map.entry("volsync.backube replicationsources/finalizers update",
          "owner references with blockOwnerDeletion (OwnerReferencesPermissionEnforcement)"),
      Map.entry("volsync.backube replicationdestinations/finalizers update",
          "owner references with blockOwnerDeletion (OwnerReferencesPermissionEnforcement)"),
      Map.entry("core configmaps get", "spec.restic.customCA.configMapName"),
      Map.entry("core nodes get", "copyMethod Direct (the node's hostname label)"),
      Map.entry("core persistentvolumeclaims delete", "a destination's temporary PVC"),
      Map.entry("snapshot.storage.k8s.io volumesnapshotclasses list",
          "no volumeSnapshotClassName: the cluster's default class"),
      Map.entry("snapshot.storage.k8s.io volumesnapshots watch",
          "the destination controller (its latestImage)")));

  /** Grants a run uses or not depending on timing, and why the controllers need them. */
  static final Map<String, String> SOMETIMES = Map.of(
      "core pods watch", "reading a mover pod's log tail: fabric8 watches the pod when the list"
          + " it starts with does not yet show it finished");

  @TempDir Path tmp;

  @Test
  void theRenderedComponentBacksUpHourlyWithinTheRenderedRbac() throws Exception {
    ResticBinary restic = ResticBinary.require();
    List<ObjectNode> app = new DeployBundle().render("examples/app", Map.of("APP", NS));
    List<ObjectNode> operatorBundle = new DeployBundle().render(".");
    Path repo = tmp.resolve("repo");
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      for (String[] o : new String[][] {{"Namespace", NS}, {"PersistentVolumeClaim", NS},
          {"PersistentVolumeClaim", "volsync-src-notes-cache"}, {"Deployment", NS}}) {
        c.client().resource(DeployBundle.yaml(find(app, o[0], o[1]))).create();
      }
      Path volume = h.standIn.volume(NS, NS);
      Files.writeString(volume.resolve("notes.log"), "first note\n");
      // what External Secrets would make of the ExternalSecret, which nothing here processes
      c.secret(NS, find(app, "ExternalSecret", "notes-volsync").at("/spec/target/name")
          .asText(), Map.of("RESTIC_REPOSITORY", repo.toString(), "RESTIC_PASSWORD", PASSWORD,
              "AWS_ACCESS_KEY_ID", "unused-here", "AWS_SECRET_ACCESS_KEY", "unused-here"));
      c.snapshotClass("csi-ceph-blockpool", false);
      h.start("registry.example/cairn:0.1.0");
      c.applyYaml(NS, DeployBundle.yaml(find(app, "ReplicationSource", NS)),
          ReplicationSource.class);

      h.await("the first sync", 90, () -> synced(c, 1));
      var st = c.source(NS, NS).getStatus();
      assertThat(st.lastResult().outcome()).isEqualTo("ok");
      assertThat(st.nextSyncTime()).isEqualTo(at(30).toString());
      var pod = h.standIn.jobSeen(NS, "volsync-src-notes").getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
      assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
      assertThat(pod.getVolumes().stream().filter(v -> v.getName().equals("cache")).findFirst()
          .orElseThrow().getPersistentVolumeClaim().getClaimName())
          .isEqualTo("volsync-src-notes-cache");
      assertThat(SourceSnapshotTest.env(pod.getContainers().get(0).getEnv(), "FORGET_OPTIONS"))
          .isEqualTo(" --keep-hourly 24 --keep-daily 7");

      Files.writeString(volume.resolve("notes.log"), "second note\n");
      h.clock.set(at(30).plusSeconds(1));
      h.await("the next hour's sync", 90, () -> synced(c, 2));
      String snapshots = restic.run(repo, PASSWORD, "snapshots", "--json").assertOk()
          .stdoutText();
      assertThat(snapshots).contains(c.source(NS, NS).getStatus().lastResult().snapshotId());
      restic.run(repo, PASSWORD, "check").assertOk();
      h.await("cleanup", 30, () -> c.client().batch().v1().jobs().inNamespace(NS)
          .withName("volsync-src-notes").get() == null);

      // the component's destination, applied now, restores the latest backup on restore-once
      c.applyYaml(NS, DeployBundle.yaml(find(app, "ReplicationDestination", "notes-dst")),
          ReplicationDestination.class);
      h.await("the restore-once restore", 90, () -> {
        ReplicationDestination rd = c.destination(NS, "notes-dst");
        return rd != null && rd.getStatus() != null
            && "restore-once".equals(rd.getStatus().lastManualSync())
            && rd.getStatus().latestImage() != null;
      });
      var restored = c.destination(NS, "notes-dst").getStatus();
      assertThat(restored.restic().restoredSnapshot())
          .isEqualTo(c.source(NS, NS).getStatus().lastResult().snapshotId());
      assertThat(restored.latestImage().getKind()).isEqualTo("VolumeSnapshot");
      assertThat(Files.readString(h.standIn.volume(NS, "volsync-notes-dst-dest")
          .resolve("notes.log"))).isEqualTo("second note\n");

      checkRbac(c.requests(), operatorBundle);
    }
  }

  static void checkRbac(List<ApiServerDispatcher.Request> requests, List<ObjectNode> bundle) {
    Set<String> cluster = RbacCheck.grants(find(bundle, "ClusterRole", "cairn-operator"));
    Set<String> lease = RbacCheck.grants(find(bundle, "Role", "cairn-operator-leader-election"));
    Set<String> used = new TreeSet<>();
    Set<String> denied = new TreeSet<>();
    for (var r : requests) {
      if (!MockCluster.OPERATOR_AGENT.equals(r.userAgent())) {
        continue;
      }
      RbacCheck.Access a = RbacCheck.access(r.method(), r.path());
      if (a == null || a.resource().equals("selfsubjectrulesreviews")) {
        continue; // discovery and self-review: every authenticated user may (system:basic-user)
      }
      used.add(a.grant());
      // the harness's lease namespace, "default", stands for the operator's own
      boolean allowed = cluster.contains(a.grant())
          || "default".equals(a.namespace()) && lease.contains(a.grant());
      if (!allowed) {
        denied.add(a + " (" + r.method() + " " + r.path() + ")");
      }
    }
    assertThat(denied).as("requests the rendered RBAC would deny").isEmpty();
    assertThat(used).contains("volsync.backube replicationsources watch",
        "batch jobs create", "snapshot.storage.k8s.io volumesnapshots create",
        "coordination.k8s.io leases create");
    Set<String> unjustified = new TreeSet<>(cluster);
    unjustified.removeAll(used);
    unjustified.removeAll(NOT_EXERCISED.keySet());
    unjustified.removeAll(SOMETIMES.keySet());
    assertThat(unjustified).as("ClusterRole grants neither used nor listed as needed").isEmpty();
    assertThat(used).as("the leader-election Role's grants are all used").containsAll(lease);
    Set<String> stale = new TreeSet<>(NOT_EXERCISED.keySet());
    stale.retainAll(used);
    assertThat(stale).as("grants listed as not exercised that this run used").isEmpty();
  }

  /** {@code n} syncs have succeeded and the last one's status is written. */
  static boolean synced(MockCluster c, int n) {
    ReplicationSource rs = c.source(NS, NS);
    return rs != null && rs.getStatus() != null && rs.getStatus().lastResult() != null
        && rs.getStatus().lastSyncStartTime() == null
        && c.client().v1().events().inNamespace(NS).list().getItems().stream()
            .map(Event::getReason).filter("SyncSucceeded"::equals).count() >= n;
  }

  static Instant at(long minutes) {
    return OperatorHarness.START.plus(Duration.ofMinutes(minutes));
  }
}
