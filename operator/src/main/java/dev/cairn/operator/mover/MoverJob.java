package dev.cairn.operator.mover;

import dev.cairn.operator.api.v1alpha1.MoverSettings;
import dev.cairn.operator.api.v1alpha1.MoverVolume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mover Job, as Volsync's restic mover builds it (its section 2.1), with Cairn's changes:
 * the container runs {@code cairn mover ACTION...}; the Job never retries by itself ({@code
 * backoffLimit: 0}, a replacement pod only once the last one is gone), because the controller
 * retries a failed run a bounded number of times with backoff; the termination message falls
 * back to the log's last line, which is the result; and the pods carry {@code
 * volsync.backube/owner}.
 */
public final class MoverJob {
  /** Where the volume is mounted. */
  public static final String DATA_MOUNT = "/data";
  /** Where the cache PVC is mounted. */
  public static final String CACHE_MOUNT = "/cache";
  /** The container's name, Volsync's. */
  public static final String CONTAINER = "restic";

  private MoverJob() {}

  /** Where the mover must run: next to the pod using a ReadWriteOnce volume (Direct). */
  public record Placement(Map<String, String> nodeSelector, List<Toleration> tolerations) {
    public static final Placement ANYWHERE = new Placement(Map.of(), List.of());
  }

  /**
   * Everything a Job is built from.
   *
   * @param names the owner's object names
   * @param owner the ReplicationSource or ReplicationDestination
   * @param actions the mover's actions, frozen for this run
   * @param image the mover image
   * @param env the container's environment ({@link MoverEnv})
   * @param dataPvc the volume to back up or restore into
   * @param readOnlyData mount it read-only (a ReadOnlyMany-only PVC)
   * @param cachePvc the cache PVC
   * @param serviceAccount the pod's ServiceAccount
   * @param customCA the custom CA's volume (a Secret or ConfigMap item as {@code ca.crt}; any
   *     name), or null
   * @param settings the resource's mover settings (security context, resources, …)
   * @param privileged the namespace allows privileged movers
   * @param paused Volsync's pause: no pod runs
   * @param placement node selector and tolerations
   */
  public record Request(MoverNames names, HasMetadata owner, List<String> actions, String image,
      List<EnvVar> env, String dataPvc, boolean readOnlyData, String cachePvc,
      String serviceAccount, Volume customCA, MoverSettings settings, boolean privileged,
      boolean paused, Placement placement) {}

  private static VolumeMount mount(String path, String name) {
    VolumeMount m = new VolumeMount();
    m.setMountPath(path);
    m.setName(name);
    return m;
  }

  /** The Job for {@code r}. */
  public static Job build(Request r) {
    String name = r.names().job();
    Map<String, String> jobLabels = new LinkedHashMap<>();
    jobLabels.put(Labels.CREATED_BY, Labels.CREATED_BY_VALUE);
    jobLabels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    jobLabels.put(Labels.CLEANUP, r.owner().getMetadata().getUid());
    Map<String, String> podLabels = new LinkedHashMap<>();
    podLabels.put(Labels.CREATED_BY, Labels.CREATED_BY_VALUE);
    podLabels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    podLabels.put(Labels.OWNER, r.names().ownerLabel());
    if (r.settings().moverPodLabels() != null) {
      podLabels.putAll(r.settings().moverPodLabels());
    }
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim()
        .withClaimName(r.dataPvc()).withReadOnly(r.readOnlyData()).endPersistentVolumeClaim()
        .build());
    mounts.add(mount(DATA_MOUNT, "data"));
    volumes.add(new VolumeBuilder().withName("cache").withNewPersistentVolumeClaim()
        .withClaimName(r.cachePvc()).endPersistentVolumeClaim().build());
    mounts.add(mount(CACHE_MOUNT, "cache"));
    volumes.add(new VolumeBuilder().withName("tempdir").withNewEmptyDir().withMedium("Memory")
        .endEmptyDir().build());
    mounts.add(mount("/tmp", "tempdir"));
    if (r.customCA() != null) {
      volumes.add(new VolumeBuilder(r.customCA()).withName("custom-ca").build());
      mounts.add(mount(MoverEnv.CUSTOM_CA_DIR, "custom-ca"));
    }
    if (r.settings().moverVolumes() != null) {
      for (MoverVolume mv : r.settings().moverVolumes()) {
        String vName = "u-" + mv.mountPath().replace("/", "-");
        Volume v = new Volume();
        v.setName(vName);
        v.setSecret(mv.volumeSource().secret());
        v.setNfs(mv.volumeSource().nfs());
        v.setPersistentVolumeClaim(mv.volumeSource().persistentVolumeClaim());
        volumes.add(v);
        mounts.add(mount("/mnt/" + mv.mountPath(), vName));
      }
    }
    List<String> args = new ArrayList<>(List.of("mover"));
    args.addAll(r.actions());
    Container container = new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(r.image())
        .withCommand("cairn")
        .withArgs(args)
        .withEnv(r.env())
        .withVolumeMounts(mounts)
        .withResources(r.settings().moverResources() != null ? r.settings().moverResources()
            : new ResourceRequirements())
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities().withDrop("ALL")
                .withAdd(r.privileged() ? List.of("DAC_OVERRIDE", "CHOWN", "FOWNER") : null)
            .endCapabilities()
            .withPrivileged(false)
            .withReadOnlyRootFilesystem(true)
            .withRunAsUser(r.privileged() ? 0L : null)
        .endSecurityContext()
        .build();
    return new JobBuilder()
        .withNewMetadata()
            .withName(name)
            .withNamespace(r.owner().getMetadata().getNamespace())
            .withLabels(jobLabels)
            .withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion(r.owner().getApiVersion())
                .withKind(r.owner().getKind())
                .withName(r.owner().getMetadata().getName())
                .withUid(r.owner().getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withNewSpec()
            .withBackoffLimit(0)
            .withParallelism(r.paused() ? 0 : 1)
            .withPodReplacementPolicy("Failed")
            .withNewTemplate()
                .withNewMetadata().withName(name).withLabels(podLabels).endMetadata()
                .withNewSpec()
                    .withContainers(container)
                    .withRestartPolicy("Never")
                    .withServiceAccountName(r.serviceAccount())
                    .withSecurityContext(r.settings().moverSecurityContext())
                    .withAffinity(r.settings().moverAffinity())
                    .withNodeSelector(r.placement().nodeSelector().isEmpty() ? null
                        : r.placement().nodeSelector())
                    .withTolerations(r.placement().tolerations().isEmpty() ? null
                        : r.placement().tolerations())
                    .withVolumes(volumes)
                .endSpec()
            .endTemplate()
        .endSpec()
        .build();
  }
}
