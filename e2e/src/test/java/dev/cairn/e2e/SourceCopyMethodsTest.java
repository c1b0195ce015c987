package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.testing.ResticBinary;
import dev.cairn.testing.S3ProxyServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: copyMethod Direct backs up the live PVC from the node of the pod that uses it, and
 * Clone from a PVC cloned from it; both into an S3 repository (S3Proxy, SigV4) that restic
 * checks, with the temporaries gone afterwards.
 */
class SourceCopyMethodsTest {
  static final String PASSWORD = "e2e-password";
  @TempDir Path tmp;

  static final String SOURCE = """
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationSource
      metadata: {name: app}
      spec:
        sourcePVC: app
        trigger: {manual: first}
        restic:
          copyMethod: %s
          repository: app-volsync-secret
          storageClassName: fast-clone
          retain: {last: 3}
      """;

  @Test
  void directFromTheApplicationsNodeAndCloneFromAClonedPvcBothBackUpToS3() throws Exception {
    ResticBinary restic = ResticBinary.require();
    try (S3ProxyServer s3 = S3ProxyServer.start();
        OperatorHarness h = new OperatorHarness(tmp.resolve("cluster"))) {
      MockCluster c = h.cluster;
      c.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("node-b")
          .withLabels(Map.of("kubernetes.io/hostname", "node-b-host")).endMetadata().build())
          .create();
      for (String ns : new String[] {"direct", "clone"}) {
        // "direct" allows privileged movers, as Volsync's namespace annotation says
        c.namespace(ns, ns.equals("direct")
            ? Map.of("volsync.backube/privileged-movers", "true") : Map.of());
        c.pvc(ns, "app", "3Gi", "ceph-block", "ReadWriteOnce");
        Files.writeString(h.standIn.volume(ns, "app").resolve("data.txt"), ns + "\n");
        Map<String, String> secret = new HashMap<>(s3.env());
        secret.put("RESTIC_REPOSITORY", s3.repository("backups/" + ns));
        secret.put("RESTIC_PASSWORD", PASSWORD);
        c.secret(ns, "app-volsync-secret", secret);
        // the application's pod, running on node-b with a toleration
        c.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata()
            .withName("app-0").withNamespace(ns).endMetadata().withNewSpec()
            .withNodeName("node-b").addNewContainer().withName("app").withImage("app")
            .endContainer().addToTolerations(new TolerationBuilder().withKey("dedicated")
                .withOperator("Equal").withValue("apps").withEffect("NoSchedule").build())
            .addNewVolume().withName("data").withNewPersistentVolumeClaim()
            .withClaimName("app").endPersistentVolumeClaim().endVolume().endSpec()
            .withNewStatus().withPhase("Running").endStatus().build()).create();
      }
      h.start("cairn:test");
      c.applyYaml("direct", SOURCE.formatted("Direct"), ReplicationSource.class);
      c.applyYaml("clone", SOURCE.formatted("Clone"), ReplicationSource.class);

      for (String ns : new String[] {"direct", "clone"}) {
        h.await(ns + " synced", 120, () -> {
          ReplicationSource rs = c.source(ns, "app");
          return rs != null && rs.getStatus() != null
              && "first".equals(rs.getStatus().lastManualSync());
        });
        var st = c.source(ns, "app").getStatus();
        assertThat(st.lastResult().outcome()).as(ns).isEqualTo("ok");
        assertThat(st.nextSyncTime()).as("manual trigger: no next time").isNull();
        Map<String, String> env = new HashMap<>(s3.env());
        Map<String, String> repoEnv = new HashMap<>(env);
        repoEnv.put("RESTIC_REPOSITORY", s3.repository("backups/" + ns));
        restic.run(null, PASSWORD, repoEnv, null, "check").assertOk();
        String listing = restic.run(null, PASSWORD, repoEnv, null, "ls", "latest").assertOk()
            .stdoutText();
        assertThat(listing).as(ns + ": the volume's contents at the root, as restic backup . in /data")
            .contains("\n/data.txt\n");
      }

      Job direct = h.standIn.jobSeen("direct", "volsync-src-app");
      var pod = direct.getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
          .isEqualTo("app");
      assertThat(pod.getNodeSelector()).containsExactly(
          Map.entry("kubernetes.io/hostname", "node-b-host"));
      assertThat(pod.getTolerations()).extracting(t -> t.getKey()).containsExactly("dedicated");
      var ctr = pod.getContainers().get(0);
      assertThat(SourceSnapshotTest.env(ctr.getEnv(), "PRIVILEGED_MOVER")).isEqualTo("1");
      assertThat(ctr.getSecurityContext().getRunAsUser()).isZero();
      assertThat(ctr.getSecurityContext().getCapabilities().getAdd())
          .containsExactly("DAC_OVERRIDE", "CHOWN", "FOWNER");
      assertThat(h.standIn.pvcSeen("direct", "volsync-app-src")).isNull();

      Job clone = h.standIn.jobSeen("clone", "volsync-src-app");
      var clonePod = clone.getSpec().getTemplate().getSpec();
      assertThat(clonePod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
          .isEqualTo("volsync-app-src");
      assertThat(clonePod.getNodeSelector()).isNullOrEmpty();
      var cloneCtr = clonePod.getContainers().get(0);
      assertThat(SourceSnapshotTest.env(cloneCtr.getEnv(), "PRIVILEGED_MOVER")).isEqualTo("0");
      assertThat(cloneCtr.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
      var pit = h.standIn.pvcSeen("clone", "volsync-app-src");
      assertThat(pit.getSpec().getDataSource().getKind()).isEqualTo("PersistentVolumeClaim");
      assertThat(pit.getSpec().getDataSource().getName()).isEqualTo("app");
      assertThat(pit.getSpec().getStorageClassName()).isEqualTo("fast-clone");
      assertThat(pit.getSpec().getResources().getRequests().get("storage").toString())
          .isEqualTo("3Gi");
      h.await("the clone removed", 30, () -> c.client().persistentVolumeClaims()
          .inNamespace("clone").withName("volsync-app-src").get() == null);
      assertThat(c.client().persistentVolumeClaims().inNamespace("clone")
          .withName("volsync-src-app-cache").get()).isNotNull();
    }
  }
}
