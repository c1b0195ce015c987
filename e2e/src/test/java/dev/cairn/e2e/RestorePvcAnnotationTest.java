package dev.cairn.e2e;

import static dev.cairn.e2e.DeployBundle.find;
import static dev.cairn.e2e.RestoreScene.NS;
import static dev.cairn.e2e.RestoreScene.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.restore.RestorePvcAnnotations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: annotating a ReplicationDestination with {@value RestorePvcAnnotations#PVC} has
 * the operator restore the PVC in place as {@code cairn restore-pvc --from} that destination
 * does: the selected snapshot under the PVC's name, the replicas back, the answer in the
 * destination's annotations and events, and every request it made allowed by the rendered RBAC.
 * A request that cannot run fails with the reason, and a Running phase left by a restart is
 * reported as cut short.
 */
class RestorePvcAnnotationTest {
  @TempDir Path tmp;

  @Test
  void anAnnotatedDestinationRestoresThePvcInPlace() throws Exception {
    Path repo = tmp.resolve("repo");
    Backups backups = new Backups(repo, PASSWORD, tmp.resolve("backups"));
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("version.txt"), "1\n");
    Map<String, String> v1 = Tree.contents(app);
    backups.backup(app);
    Files.writeString(app.resolve("version.txt"), "2\n");
    backups.backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      RestoreScene s = new RestoreScene(h, repo);
      s.pvc("data", Map.of("live.txt", "written after the backups\n"));
      s.deployment("web", "data", 2);
      String original = s.volumeName("data");
      destination(s, "data-restore");
      int before = h.cluster.requests().size();

      // no third snapshot back: refused after the restore, rolled back, nothing changed
      annotate(s, "data-restore", Map.of(RestorePvcAnnotations.PVC, "data",
          RestorePvcAnnotations.PREVIOUS, "5"));
      h.await("the failed restore's answer", 90, () -> phaseIsNot(s, "data-restore",
          RestorePvcAnnotations.RUNNING));
      assertThat(annotations(s, "data-restore").get(RestorePvcAnnotations.MESSAGE))
          .startsWith("step restore (").contains("restored no snapshot").contains("rolled back");
      assertThat(s.volumeName("data")).isEqualTo(original);
      assertThat(Tree.contents(h.standIn.volume(NS, "data")))
          .isEqualTo(Map.of("live.txt", "written after the backups\n"));
      assertThat(h.cluster.client().persistentVolumes().list().getItems())
          .as("the restored volume, deleted by the rollback")
          .noneMatch(v -> v.getSpec().getClaimRef().getName().startsWith("data-restored-"));

      annotate(s, "data-restore", Map.of(RestorePvcAnnotations.PVC, "data",
          RestorePvcAnnotations.PREVIOUS, "1"));
      h.await("the restore's answer", 90, () -> phaseIsNot(s, "data-restore",
          RestorePvcAnnotations.RUNNING));

      var a = annotations(s, "data-restore");
      assertThat(a.get(RestorePvcAnnotations.PHASE)).as(a.toString())
          .isEqualTo(RestorePvcAnnotations.SUCCEEDED);
      assertThat(a.get(RestorePvcAnnotations.MESSAGE)).contains("kubectl delete pv " + original);
      assertThat(a).doesNotContainKeys(RestorePvcAnnotations.PVC,
          RestorePvcAnnotations.PREVIOUS);
      assertThat(s.volumeName("data")).isNotEqualTo(original);
      assertThat(Tree.contents(h.standIn.volume(NS, "data"))).isEqualTo(v1);
      assertThat(s.replicas("web")).isEqualTo(2);
      assertThat(Destinations.events(h.cluster, NS, "data-restore", "RestorePvcStarted"))
          .hasSize(2);
      assertThat(Destinations.events(h.cluster, NS, "data-restore", "RestorePvcFailed"))
          .hasSize(1);
      assertThat(Destinations.events(h.cluster, NS, "data-restore", "RestorePvcSucceeded"))
          .hasSize(1);
      assertThat(Destinations.events(h.cluster, NS, "data", "RestorePvcRebind")).hasSize(1);
      assertThat(h.cluster.client().resources(ReplicationDestination.class).inNamespace(NS)
          .list().getItems()).extracting(d -> d.getMetadata().getName())
          .containsExactly("data-restore");

      checkRbac(h.cluster.requests().subList(before, h.cluster.requests().size()));
    }
  }

  @Test
  void aRequestThatCannotRunFailsWithItsReasonAndARestartIsReported() throws Exception {
    Path repo = tmp.resolve("repo");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("version.txt"), "backed up\n");
    new Backups(repo, PASSWORD, tmp.resolve("backups")).backup(app);
    try (OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      RestoreScene s = new RestoreScene(h, repo);
      destination(s, "data-restore");

      annotate(s, "data-restore", Map.of(RestorePvcAnnotations.PVC, "nope"));
      h.await("the refusal", 30, () -> phaseIsNot(s, "data-restore",
          RestorePvcAnnotations.RUNNING));
      assertThat(annotations(s, "data-restore"))
          .containsEntry(RestorePvcAnnotations.PHASE, RestorePvcAnnotations.FAILED)
          .containsEntry(RestorePvcAnnotations.MESSAGE,
              "PersistentVolumeClaim app/nope not found")
          .doesNotContainKey(RestorePvcAnnotations.PVC);
      assertThat(Destinations.events(h.cluster, NS, "data-restore", "RestorePvcFailed"))
          .extracting(e -> e.getMessage()).containsExactly(
              "PersistentVolumeClaim app/nope not found");

      annotate(s, "data-restore", Map.of(RestorePvcAnnotations.PVC, "data",
          RestorePvcAnnotations.PREVIOUS, "two"));
      h.await("the bad value's answer", 30, () -> annotations(s, "data-restore")
          .getOrDefault(RestorePvcAnnotations.MESSAGE, "").contains("not a number"));
      assertThat(annotations(s, "data-restore").get(RestorePvcAnnotations.MESSAGE))
          .isEqualTo("annotation cairn.dev/restore-pvc-previous is not a number: two");

      // what a restart during a restore leaves: Running, owned by no thread of this operator
      annotate(s, "data-restore", Map.of(RestorePvcAnnotations.PHASE,
          RestorePvcAnnotations.RUNNING, RestorePvcAnnotations.MESSAGE, "restoring"));
      h.await("the interrupted restore reported", 30, () -> RestorePvcAnnotations.FAILED
          .equals(annotations(s, "data-restore").get(RestorePvcAnnotations.PHASE)));
      assertThat(annotations(s, "data-restore").get(RestorePvcAnnotations.MESSAGE))
          .startsWith("the operator restarted during the restore; it was not rolled back");
    }
  }

  /** A paused destination holding the repository's settings (it restores nothing itself). */
  private static void destination(RestoreScene s, String name) {
    s.c.applyYaml(NS, """
        apiVersion: volsync.backube/v1alpha1
        kind: ReplicationDestination
        metadata: {name: %s}
        spec:
          paused: true
          trigger: {manual: restore-once}
          restic: {repository: repo, copyMethod: Direct, capacity: 1Gi}
        """.formatted(name), ReplicationDestination.class);
  }

  private static void annotate(RestoreScene s, String rd, Map<String, String> values) {
    s.c.client().resources(ReplicationDestination.class).inNamespace(NS).withName(rd)
        .edit(d -> {
          Map<String, String> a = new java.util.HashMap<>(annotations(d));
          a.putAll(values);
          d.getMetadata().setAnnotations(a);
          return d;
        });
  }

  private static Map<String, String> annotations(RestoreScene s, String rd) {
    return annotations(s.c.destination(NS, rd));
  }

  private static Map<String, String> annotations(ReplicationDestination rd) {
    Map<String, String> a = rd.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  private static boolean phaseIsNot(RestoreScene s, String rd, String phase) {
    Map<String, String> a = annotations(s, rd);
    return !a.containsKey(RestorePvcAnnotations.PVC) && a.get(RestorePvcAnnotations.PHASE) != null
        && !phase.equals(a.get(RestorePvcAnnotations.PHASE));
  }

  /**
   * Each request the operator made for the restore is allowed by the rendered ClusterRoles, and
   * the restore's own ClusterRole grants nothing it did not use.
   */
  private static void checkRbac(List<ApiServerDispatcher.Request> requests) throws Exception {
    List<ObjectNode> bundle = new DeployBundle().render(".");
    Set<String> restore = RbacCheck.grants(find(bundle, "ClusterRole",
        "cairn-operator-restore-pvc"));
    Set<String> allowed = new HashSet<>(RbacCheck.grants(find(bundle, "ClusterRole",
        "cairn-operator")));
    allowed.addAll(restore);
    Set<String> used = new TreeSet<>();
    Set<String> denied = new TreeSet<>();
    for (var r : requests) {
      RbacCheck.Access a = MockCluster.OPERATOR_AGENT.equals(r.userAgent())
          ? RbacCheck.access(r.method(), r.path()) : null;
      if (a == null || a.resource().equals("selfsubjectrulesreviews")
          || a.resource().equals("leases")) {
        continue;
      }
      used.add(a.grant());
      if (!allowed.contains(a.grant())) {
        denied.add(a + " (" + r.method() + " " + r.path() + ")");
      }
    }
    assertThat(denied).as("requests the rendered RBAC would deny").isEmpty();
    Set<String> unused = new TreeSet<>(restore);
    unused.removeAll(used);
    // a StatefulSet is scaled as a Deployment is (RestorePvcStatefulSetTest runs those steps)
    unused.removeAll(Set.of("apps statefulsets get", "apps statefulsets patch"));
    // a rollback after the retain step deletes the retained restored volume (the Deployment
    // test's injected failures run it); before it, the volume goes with its claim
    unused.remove("core persistentvolumes delete");
    assertThat(unused).as("restore ClusterRole grants this run did not use").isEmpty();
  }
}
