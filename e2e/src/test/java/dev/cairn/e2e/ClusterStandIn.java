package dev.cairn.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the parts of a cluster the mock API server does not: the CSI snapshotter (a
 * VolumeSnapshot is bound and ready, holding a copy of its PVC's files as they were), the volume
 * binder (a PVC is bound to a PersistentVolume, filled from its data source: {@link Binder}),
 * the workload controllers (a Deployment or StatefulSet scaled to zero loses its pods), the Job controller and the kubelet (a Job
 * gets a pod, whose container runs as a local process: the real {@code cairn mover}, with the
 * pod's volumes as directories, its Secret references resolved, and its termination message
 * read back), and the garbage collector (pods of deleted Jobs go, their processes are killed). It
 * polls the API every 100 ms on its own thread and keeps a copy of every Job, PVC and
 * VolumeSnapshot it saw, so tests can check what the operator created after it was cleaned up.
 */
public final class ClusterStandIn implements AutoCloseable {
  static final ResourceDefinitionContext SNAPSHOTS = new ResourceDefinitionContext.Builder()
      .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshot")
      .withPlural("volumesnapshots").withNamespaced(true).build();

  private final KubernetesClient client;
  private final Path root;
  private final Kubelet kubelet;
  private final Binder binder;
  private final WorkloadController workloads;
  /** Jobs and PVCs seen, by {@code namespace/name}. */
  private final Map<String, Job> jobsSeen = new ConcurrentHashMap<>();
  private final Map<String, PersistentVolumeClaim> pvcsSeen = new ConcurrentHashMap<>();
  private final Map<String, GenericKubernetesResource> snapshotsSeen = new ConcurrentHashMap<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final Thread loop;
  private volatile boolean stopped;
  private volatile boolean holdSnapshots;

  /**
   * @param root where volumes, snapshots and pod directories live
   * @param mover the command line that stands for the image's {@code cairn}
   */
  public ClusterStandIn(KubernetesClient client, Path root, List<String> mover) {
    this.client = client;
    this.root = root;
    this.kubelet = new Kubelet(client, root, mover, this::volume);
    this.binder = new Binder(client, (ns, name) -> dir(root.resolve("volumes").resolve(ns)
        .resolve(name)), this::volume, this::snapshot);
    this.workloads = new WorkloadController(client);
    this.loop = new Thread(this::run, "cluster-stand-in");
    loop.setDaemon(true);
  }

  /** Starts playing. */
  public ClusterStandIn start() {
    loop.start();
    return this;
  }

  /**
   * The directory standing for PVC {@code name}'s volume: its PersistentVolume's hostPath, or
   * (no claim, or a claim made Bound without a volume) a directory named after the claim.
   */
  public Path volume(String namespace, String name) {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace)
        .withName(name).get();
    if (pvc != null && pvc.getSpec().getVolumeName() != null) {
      var pv = client.persistentVolumes().withName(pvc.getSpec().getVolumeName()).get();
      if (pv != null && pv.getSpec().getHostPath() != null) {
        return dir(Path.of(pv.getSpec().getHostPath().getPath()));
      }
    }
    return dir(root.resolve("volumes").resolve(namespace).resolve(name));
  }

  Path snapshot(String namespace, String name) {
    return root.resolve("snapshots").resolve(namespace).resolve(name);
  }

  /** Job {@code name} of {@code namespace} as last seen, or null. */
  public Job jobSeen(String namespace, String name) {
    return jobsSeen.get(namespace + "/" + name);
  }

  /** PVC {@code name} of {@code namespace} as first seen (as the operator created it), or null. */
  public PersistentVolumeClaim pvcSeen(String namespace, String name) {
    return pvcsSeen.get(namespace + "/" + name);
  }

  /** Every Job seen, by {@code namespace/name} (the last version seen). */
  public Map<String, Job> jobsSeen() {
    return Map.copyOf(jobsSeen);
  }

  /** Every VolumeSnapshot seen, by name (as the operator created it). */
  public Map<String, GenericKubernetesResource> snapshotsSeen() {
    return Map.copyOf(snapshotsSeen);
  }

  /** The pod of Job {@code job}, as the kubelet stand-in ran it (null if none ran). */
  public Pod podOf(String namespace, String job) {
    return kubelet.podOf(namespace, job);
  }

  /**
   * While held, new VolumeSnapshots are bound but not {@code readyToUse} (a slow CSI driver);
   * released, they become ready.
   */
  public void holdSnapshots(boolean hold) {
    holdSnapshots = hold;
  }

  /** How many mover processes ran so far. */
  public int processesRun() {
    return kubelet.started();
  }

  /** Problems of the stand-in itself (a test fails on them). */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  private void run() {
    while (!stopped) {
      try {
        snapshots();
        claims();
        workloads.tick();
        kubelet.tick(jobsSeen);
      } catch (KubernetesClientException e) {
        if (!stopped) {
          failures.add(e);
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The CSI snapshotter: binds new snapshots to a copy of their PVC's files. */
  private void snapshots() {
    for (GenericKubernetesResource vs : client.genericKubernetesResources(SNAPSHOTS)
        .inAnyNamespace().list().getItems()) {
      String ns = vs.getMetadata().getNamespace();
      snapshotsSeen.putIfAbsent(vs.getMetadata().getName(), vs);
      Object status = vs.getAdditionalProperties().get("status");
      if (vs.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (status instanceof Map<?, ?> m) {
        if (!holdSnapshots && Boolean.FALSE.equals(m.get("readyToUse"))) {
          Map<Object, Object> ready = new java.util.HashMap<>(m);
          ready.put("readyToUse", true);
          vs.setAdditionalProperty("status", ready);
          client.genericKubernetesResources(SNAPSHOTS).inNamespace(ns).resource(vs).update();
        }
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
      @SuppressWarnings("unchecked")
      String pvcName = (String) ((Map<String, Object>) spec.get("source"))
          .get("persistentVolumeClaimName");
      PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns)
          .withName(pvcName).get();
      if (pvc == null) {
        continue;
      }
      Tree.copy(volume(ns, pvcName), snapshot(ns, vs.getMetadata().getName()));
      vs.setAdditionalProperty("status", Map.of(
          "boundVolumeSnapshotContentName", "snapcontent-" + vs.getMetadata().getUid(),
          "readyToUse", !holdSnapshots,
          "restoreSize", pvc.getSpec().getResources().getRequests().get("storage")
              .toString()));
      client.genericKubernetesResources(SNAPSHOTS).inNamespace(ns).resource(vs).update();
    }
  }

  /** Records the claims seen, then the binder binds what is pending. */
  private void claims() {
    var pvcs = client.persistentVolumeClaims().inAnyNamespace().list().getItems();
    for (PersistentVolumeClaim pvc : pvcs) {
      pvcsSeen.putIfAbsent(pvc.getMetadata().getNamespace() + "/"
          + pvc.getMetadata().getName(), pvc);
    }
    binder.claims(pvcs);
    binder.volumes();
  }

  private static Path dir(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    loop.interrupt();
    loop.join(5000);
    kubelet.close();
  }

  static List<String> list(String... items) {
    return new ArrayList<>(List.of(items));
  }
}
