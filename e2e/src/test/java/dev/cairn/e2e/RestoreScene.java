package dev.cairn.e2e;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.restore.PvcRestorer;
import dev.cairn.operator.restore.RestoreRequest;
import dev.cairn.operator.restore.StepHook;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cluster of a {@code restore-pvc} test: namespace {@value #NS}, the repository's Secret, an
 * application PVC bound to its own PersistentVolume, the paused ReplicationSource that backs it
 * up, and workloads with one running pod each; runs {@link PvcRestorer} as the command does.
 */
final class RestoreScene {
  static final String NS = "app";
  static final String PASSWORD = "e2e-password";

  final OperatorHarness h;
  final MockCluster c;
  final List<String> output = new CopyOnWriteArrayList<>();

  RestoreScene(OperatorHarness h, Path repo) throws Exception {
    this.h = h;
    this.c = h.cluster;
    c.namespace(NS, Map.of());
    c.secret(NS, "repo", Map.of("RESTIC_REPOSITORY", repo.toString(),
        "RESTIC_PASSWORD", PASSWORD));
    h.start("cairn:test");
  }

  /** An application PVC, bound by the stand-in's binder, holding {@code files}. */
  void pvc(String name, Map<String, String> files) throws Exception {
    PersistentVolumeClaim pvc = new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("ceph-block")
        .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources()
        .endSpec().build();
    c.client().persistentVolumeClaims().inNamespace(NS).resource(pvc).create();
    h.await("PVC " + name + " bound", 10, () -> volumeName(name) != null);
    for (var f : files.entrySet()) {
      Files.writeString(h.standIn.volume(NS, name).resolve(f.getKey()), f.getValue());
    }
  }

  /** A paused restic ReplicationSource of {@code pvc} (paused: the test makes the backups). */
  void source(String name, String pvc) {
    c.applyYaml(NS, """
        apiVersion: volsync.backube/v1alpha1
        kind: ReplicationSource
        metadata: {name: %s}
        spec:
          sourcePVC: %s
          paused: true
          trigger: {manual: never}
          restic: {repository: repo, copyMethod: Direct}
        """.formatted(name, pvc), ReplicationSource.class);
  }

  /** A Deployment of {@code replicas} mounting {@code pvc}, with one pod running. */
  void deployment(String name, String pvc, int replicas) {
    Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .endMetadata().withNewSpec().withReplicas(replicas)
        .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("app").endContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(pvc)
        .endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build();
    c.client().apps().deployments().inNamespace(NS).resource(d).create();
    pod(name + "-5d8f-x1", name, pvc, "ReplicaSet");
  }

  /**
   * A StatefulSet of {@code replicas} whose claim template {@code template} makes PVC {@code
   * <template>-<name>-0}, with its pod {@code <name>-0} running.
   */
  void statefulSet(String name, String template, int replicas) {
    StatefulSet sts = new StatefulSetBuilder().withNewMetadata().withName(name)
        .withNamespace(NS).endMetadata().withNewSpec().withReplicas(replicas)
        .withServiceName(name)
        .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("db").addNewVolumeMount()
        .withName(template).withMountPath("/var/lib/db").endVolumeMount().endContainer()
        .endSpec().endTemplate()
        .addNewVolumeClaimTemplate().withNewMetadata().withName(template).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
        .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec()
        .endVolumeClaimTemplate().endSpec().build();
    c.client().apps().statefulSets().inNamespace(NS).resource(sts).create();
    pod(name + "-0", name, template + "-" + name + "-0", "StatefulSet");
  }

  /** A running pod of {@code app} mounting {@code pvc}, owned by a {@code ownerKind}. */
  void pod(String podName, String app, String pvc, String ownerKind) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(podName).withNamespace(NS)
        .withLabels(Map.of("app", app)).endMetadata();
    if (ownerKind != null) {
      b.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind)
          .withName(app).withUid("uid-" + app).withController(true).endOwnerReference()
          .endMetadata();
    }
    Pod p = b.withNewSpec().addNewContainer().withName("app").withImage("app").endContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(pvc)
        .endPersistentVolumeClaim().endVolume().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build();
    c.client().pods().inNamespace(NS).resource(p).create();
  }

  String volumeName(String pvc) {
    PersistentVolumeClaim claim = c.client().persistentVolumeClaims().inNamespace(NS)
        .withName(pvc).get();
    return claim == null || claim.getStatus() == null
        || !"Bound".equals(claim.getStatus().getPhase()) ? null
        : claim.getSpec().getVolumeName();
  }

  int replicas(String deployment) {
    return c.client().apps().deployments().inNamespace(NS).withName(deployment).get()
        .getSpec().getReplicas();
  }

  int statefulSetReplicas(String name) {
    return c.client().apps().statefulSets().inNamespace(NS).withName(name).get().getSpec()
        .getReplicas();
  }

  /** Runs {@code cairn restore-pvc} with {@code hook}. */
  void restore(String pvc, String asOf, Integer previous, boolean dryRun, StepHook hook) {
    restore(new RestoreRequest(NS, pvc, asOf, previous, null, dryRun, Duration.ofSeconds(60)),
        hook);
  }

  void restore(RestoreRequest request, StepHook hook) {
    new PvcRestorer(c.client(), h.clock, output::add, hook).run(request);
  }
}
