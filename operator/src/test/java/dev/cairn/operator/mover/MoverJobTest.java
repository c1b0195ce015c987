package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.MoverVolume;
import dev.cairn.operator.api.v1alpha1.MoverVolumeSource;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mover Job: Volsync's pod (volsync-reference.md 2.1: container {@code restic}, security
 * context, {@code data}/{@code cache}/{@code tempdir} volumes, MoverConfig applied, the privileged
 * capabilities) with Cairn's command {@code cairn mover}, {@code backoffLimit: 0} and owner label.
 */
class MoverJobTest {
  private static final MoverNames NAMES = new MoverNames(Role.SOURCE, "app");
  private static final List<EnvVar> ENV = List.of(new EnvVar("DATA_DIR", "/data", null));

  private static ReplicationSource owner() {
    ReplicationSource rs = new ReplicationSource();
    rs.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("apps")
        .withUid("0b9e1c2d-uid").build());
    return rs;
  }

  private static ResticSourceSpec settings(Map<String, String> podLabels,
      ResourceRequirements resources, Affinity affinity, PodSecurityContext security,
      List<MoverVolume> volumes) {
    return new ResticSourceSpec("Snapshot", null, null, null, null, null, "app-volsync-secret",
        null, null, null, null, null, null, security, null, podLabels, resources, affinity,
        volumes);
  }

  private static final ResticSourceSpec PLAIN = settings(null, null, null, null, null);

  private static MoverJob.Request request(ResticSourceSpec settings, Volume customCA,
      boolean readOnly, boolean privileged, boolean paused, MoverJob.Placement placement) {
    return new MoverJob.Request(NAMES, owner(), List.of("backup", "prune"), "cairn:1.0", ENV,
        "volsync-app-src", readOnly, "volsync-src-app-cache", "volsync-src-app", customCA,
        settings, privileged, paused, placement);
  }

  private static Job plain() {
    return MoverJob.build(request(PLAIN, null, false, false, false,
        MoverJob.Placement.ANYWHERE));
  }

  private static Container container(Job job) {
    assertThat(job.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> mounts(Container c) {
    return c.getVolumeMounts().stream().collect(java.util.stream.Collectors.toMap(
        VolumeMount::getName, VolumeMount::getMountPath, (a, b) -> a,
        java.util.LinkedHashMap::new));
  }

  @Test
  void theJobIsNamedLabelledAndOwnedByTheResource() {
    Job job = plain();
    assertThat(job.getMetadata().getName()).isEqualTo("volsync-src-app");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("apps");
    assertThat(job.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "app.kubernetes.io/created-by", "volsync", "app.kubernetes.io/managed-by", "cairn",
        "volsync.backube/cleanup", "0b9e1c2d-uid"));
    OwnerReference ref = job.getMetadata().getOwnerReferences().get(0);
    assertThat(job.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(ref.getApiVersion()).isEqualTo("volsync.backube/v1alpha1");
    assertThat(ref.getKind()).isEqualTo("ReplicationSource");
    assertThat(ref.getName()).isEqualTo("app");
    assertThat(ref.getUid()).isEqualTo("0b9e1c2d-uid");
    assertThat(ref.getController()).isTrue();
    assertThat(ref.getBlockOwnerDeletion()).isTrue();
  }

  @Test
  void theJobNeverRetriesByItself() {
    Job job = plain();
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getParallelism()).isEqualTo(1);
    assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("Failed");
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isNull();
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void aPausedResourceGetsParallelismZero() {
    Job job = MoverJob.build(request(PLAIN, null, false, false, true,
        MoverJob.Placement.ANYWHERE));
    assertThat(job.getSpec().getParallelism()).isZero();
  }

  @Test
  void theContainerRunsCairnMoverWithTheActions() {
    Container c = container(plain());
    assertThat(c.getName()).isEqualTo("restic");
    assertThat(c.getImage()).isEqualTo("cairn:1.0");
    assertThat(c.getCommand()).containsExactly("cairn");
    assertThat(c.getArgs()).containsExactly("mover", "backup", "prune");
    assertThat(c.getEnv()).isEqualTo(ENV);
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void theContainerIsLockedDownAsVolsyncs() {
    var sc = container(plain()).getSecurityContext();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(sc.getPrivileged()).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getRunAsUser()).isNull();
  }

  @Test
  void aPrivilegedMoverRunsAsRootWithVolsyncsThreeCapabilities() {
    var sc = container(MoverJob.build(request(PLAIN, null, false, true, false,
        MoverJob.Placement.ANYWHERE))).getSecurityContext();
    assertThat(sc.getCapabilities().getAdd()).containsExactly("DAC_OVERRIDE", "CHOWN", "FOWNER");
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getRunAsUser()).isZero();
    assertThat(sc.getPrivileged()).isFalse();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void dataCacheAndTempdirAreMounted() {
    Job job = plain();
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(mounts(container(job))).containsExactly(Map.entry("data", "/data"),
        Map.entry("cache", "/cache"), Map.entry("tempdir", "/tmp"));
    assertThat(pod.getVolumes()).extracting(Volume::getName)
        .containsExactly("data", "cache", "tempdir");
    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("volsync-app-src");
    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly()).isFalse();
    assertThat(pod.getVolumes().get(1).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("volsync-src-app-cache");
    assertThat(pod.getVolumes().get(2).getEmptyDir().getMedium()).isEqualTo("Memory");
  }

  @Test
  void aReadOnlyManyVolumeIsMountedReadOnly() {
    Job job = MoverJob.build(request(PLAIN, null, true, false, false,
        MoverJob.Placement.ANYWHERE));
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes().get(0)
        .getPersistentVolumeClaim().getReadOnly()).isTrue();
  }

  @Test
  void theCustomCaIsMountedAtCustomCa() {
    Volume ca = new VolumeBuilder().withName("whatever").withNewSecret().withSecretName("ca")
        .addNewItem().withKey("tls.crt").withPath("ca.crt").endItem().endSecret().build();
    Job job = MoverJob.build(request(PLAIN, ca, false, false, false,
        MoverJob.Placement.ANYWHERE));
    Volume v = job.getSpec().getTemplate().getSpec().getVolumes().get(3);
    assertThat(v.getName()).isEqualTo("custom-ca");
    assertThat(v.getSecret().getSecretName()).isEqualTo("ca");
    assertThat(v.getSecret().getItems().get(0).getPath()).isEqualTo("ca.crt");
    assertThat(mounts(container(job))).containsEntry("custom-ca", "/customCA");
    assertThat(ca.getName()).as("the caller's volume is not changed").isEqualTo("whatever");
  }

  @Test
  void moverVolumesAreMountedUnderMnt() {
    var nfs = new MoverVolume("repo", new MoverVolumeSource(null,
        new NFSVolumeSource("/exports/restic", false, "nfs.example.com"), null));
    var secret = new MoverVolume("keys", new MoverVolumeSource(
        new SecretVolumeSource(null, null, false, "ssh-keys"), null, null));
    Job job = MoverJob.build(request(settings(null, null, null, null, List.of(nfs, secret)),
        null, false, false, false, MoverJob.Placement.ANYWHERE));
    List<Volume> volumes = job.getSpec().getTemplate().getSpec().getVolumes();
    assertThat(volumes).extracting(Volume::getName)
        .containsExactly("data", "cache", "tempdir", "u-repo", "u-keys");
    assertThat(volumes.get(3).getNfs().getServer()).isEqualTo("nfs.example.com");
    assertThat(volumes.get(3).getNfs().getPath()).isEqualTo("/exports/restic");
    assertThat(volumes.get(4).getSecret().getSecretName()).isEqualTo("ssh-keys");
    assertThat(mounts(container(job))).containsEntry("u-repo", "/mnt/repo")
        .containsEntry("u-keys", "/mnt/keys");
  }

  @Test
  void podsCarryTheOwnerLabelAndTheMoverPodLabels() {
    Job job = MoverJob.build(request(settings(Map.of("team", "db", "tier", "backup"), null,
        null, null, null), null, false, false, false, MoverJob.Placement.ANYWHERE));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/created-by", "volsync",
            "app.kubernetes.io/managed-by", "cairn", "volsync.backube/owner", "app",
            "team", "db", "tier", "backup"));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .doesNotContainKey("volsync.backube/cleanup");
    assertThat(job.getSpec().getTemplate().getMetadata().getName())
        .as("Volsync names the template after the Job").isEqualTo("volsync-src-app");
  }

  @Test
  void aLongOwnerNameGivesAHashedOwnerLabel() {
    String longName = "o".repeat(64);
    ReplicationSource rs = owner();
    rs.getMetadata().setName(longName);
    Job job = MoverJob.build(new MoverJob.Request(new MoverNames(Role.SOURCE, longName), rs,
        List.of("backup"), "cairn:1.0", ENV, "d", false, "c", "sa", null, PLAIN, false, false,
        MoverJob.Placement.ANYWHERE));
    assertThat(job.getMetadata().getName()).isEqualTo("volsync-src-13a71608");
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("volsync.backube/owner", "13a71608");
  }

  @Test
  void theMoverConfigIsApplied() {
    ResourceRequirements resources = new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m")).addToLimits("memory", new Quantity("1Gi"))
        .build();
    Affinity affinity = new AffinityBuilder().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
        .addNewMatchExpression().withKey("zone").withOperator("In").withValues("a")
        .endMatchExpression().endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
    PodSecurityContext security = new PodSecurityContextBuilder().withRunAsUser(1000L)
        .withFsGroup(1000L).build();
    Job job = MoverJob.build(request(settings(null, resources, affinity, security, null), null,
        false, false, false, MoverJob.Placement.ANYWHERE));
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(container(job).getResources()).isEqualTo(resources);
    assertThat(pod.getAffinity()).isEqualTo(affinity);
    assertThat(pod.getSecurityContext()).isEqualTo(security);
    assertThat(pod.getServiceAccountName()).isEqualTo("volsync-src-app");
  }

  @Test
  void withoutMoverConfigThePodHasNoRequestsAffinityOrPodSecurityContext() {
    PodSpec pod = plain().getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext()).isNull();
    assertThat(pod.getAffinity()).isNull();
    assertThat(container(plain()).getResources()).isEqualTo(new ResourceRequirements());
    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getTolerations()).isNullOrEmpty();
  }

  @Test
  void aPlacementPinsThePodNextToTheApplication() {
    Toleration t = new Toleration("NoSchedule", "dedicated", "Equal", null, "db");
    Job job = MoverJob.build(request(PLAIN, null, false, false, false,
        new MoverJob.Placement(Map.of("kubernetes.io/hostname", "node-2"), List.of(t))));
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/hostname",
        "node-2"));
    assertThat(pod.getTolerations()).containsExactly(t);
  }
}
