package dev.cairn.e2e;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The Job controller and the kubelet of {@link ClusterStandIn}: each Job gets one pod whose
 * container runs as a local process; its exit becomes the pod's terminated state (with the
 * termination message, or the log's end with {@code FallbackToLogsOnError}) and the Job's
 * succeeded or failed count and condition. A pod deleted while it runs has its process killed
 * (SIGKILL) and fails the Job, as losing the pod does; pods of deleted Jobs are deleted.
 */
final class Kubelet implements AutoCloseable {
  private final KubernetesClient client;
  private final Path root;
  private final List<String> mover;
  private final BiFunction<String, String, Path> volumes;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, Pod> podsByJob = new ConcurrentHashMap<>();
  private final Map<String, Boolean> handled = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();

  /** A container process and the pod it stands for. */
  private record Running(Process process, Pod pod, Job job, Path dir) {}

  Kubelet(KubernetesClient client, Path root, List<String> mover,
      BiFunction<String, String, Path> volumes) {
    this.client = client;
    this.root = root;
    this.mover = mover;
    this.volumes = volumes;
  }

  int started() {
    return started.get();
  }

  Pod podOf(String namespace, String job) {
    return podsByJob.get(namespace + "/" + job);
  }

  /** One pass: starts new Jobs' pods, ends finished ones, collects garbage. */
  void tick(Map<String, Job> seen) {
    for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
      seen.put(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName(),
          job);
      String uid = job.getMetadata().getUid();
      if (handled.containsKey(uid) || job.getMetadata().getDeletionTimestamp() != null
          || Integer.valueOf(0).equals(job.getSpec().getParallelism()) || !claimsBound(job)) {
        continue;
      }
      handled.put(uid, true);
      start(job);
    }
    for (Map.Entry<String, Running> e : running.entrySet()) {
      Running r = e.getValue();
      Pod now = client.pods().inNamespace(r.pod().getMetadata().getNamespace())
          .withName(r.pod().getMetadata().getName()).get();
      if (!r.process().isAlive()) {
        running.remove(e.getKey());
        finished(r, now != null);
      } else if (now == null) {
        r.process().destroyForcibly(); // the pod was deleted under it
      }
    }
    gc();
  }

  /**
   * Whether every claim the Job's pod mounts is bound: the scheduler keeps a pod Pending until
   * then (a claim created just before its Job, not yet filled by the binder, is not read empty).
   */
  private boolean claimsBound(Job job) {
    String ns = job.getMetadata().getNamespace();
    for (Volume v : job.getSpec().getTemplate().getSpec().getVolumes()) {
      if (v.getPersistentVolumeClaim() != null) {
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns)
            .withName(v.getPersistentVolumeClaim().getClaimName()).get();
        if (pvc == null || pvc.getStatus() == null
            || !"Bound".equals(pvc.getStatus().getPhase())) {
          return false;
        }
      }
    }
    return true;
  }

  private void start(Job job) {
    String ns = job.getMetadata().getNamespace();
    String podName = job.getMetadata().getName() + "-" + UUID.randomUUID().toString()
        .substring(0, 5);
    Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata()
        .getLabels());
    labels.put("job-name", job.getMetadata().getName());
    labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
    labels.put("controller-uid", job.getMetadata().getUid());
    Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(ns)
        .withLabels(labels).withCreationTimestamp(Instant.now().toString())
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job")
        .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
        .withController(true).endOwnerReference().endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withNewStatus().withPhase("Running").endStatus().build();
    pod = client.pods().inNamespace(ns).resource(pod).create();
    podsByJob.put(ns + "/" + job.getMetadata().getName(), pod);
    Path dir = root.resolve("pods").resolve(ns).resolve(podName);
    try {
      writableByAll(Files.createDirectories(dir));
      ProcessBuilder pb = container(pod, dir);
      running.put(ns + "/" + podName, new Running(pb.start(), pod, job, dir));
      started.incrementAndGet();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The container's command as a local process: volumes as directories, Secrets resolved. */
  private ProcessBuilder container(Pod pod, Path dir) throws IOException {
    String ns = pod.getMetadata().getNamespace();
    var c = pod.getSpec().getContainers().get(0);
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (VolumeMount m : c.getVolumeMounts()) {
      Volume v = pod.getSpec().getVolumes().stream()
          .filter(x -> x.getName().equals(m.getName())).findFirst().orElseThrow();
      mounts.put(m.getMountPath(), volumeDir(ns, v, dir));
    }
    List<String> cmd = new ArrayList<>();
    if (!List.of("cairn").equals(c.getCommand())) {
      throw new IllegalStateException("the stand-in runs only the cairn command, not "
          + c.getCommand());
    }
    cmd.addAll(mover);
    cmd.addAll(c.getArgs());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("RESTIC_") || k.startsWith("AWS_")
        || k.startsWith("CAIRN_"));
    for (EnvVar e : c.getEnv()) {
      if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        // a Secret's values are the user's own (a host path to a test repository stays as is)
        String secret = secretValue(ns, e.getValueFrom().getSecretKeyRef().getName(),
            e.getValueFrom().getSecretKeyRef().getKey());
        if (secret != null) {
          env.put(e.getName(), secret);
        }
      } else if (e.getValue() != null) {
        env.put(e.getName(), translate(e.getValue(), mounts));
      }
    }
    env.put("TERMINATION_MESSAGE_PATH", dir.resolve("termination-log").toString());
    env.put("HOSTNAME", pod.getMetadata().getName());
    pb.redirectOutput(dir.resolve("log").toFile());
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb;
  }

  private Path volumeDir(String ns, Volume v, Path podDir) throws IOException {
    if (v.getPersistentVolumeClaim() != null) {
      return volumes.apply(ns, v.getPersistentVolumeClaim().getClaimName());
    }
    Path d = writableByAll(Files.createDirectories(podDir.resolve("vol-" + v.getName())));
    if (v.getSecret() != null) {
      Secret s = client.secrets().inNamespace(ns).withName(v.getSecret().getSecretName()).get();
      for (KeyToPath item : v.getSecret().getItems()) {
        Files.write(d.resolve(item.getPath()),
            Base64.getDecoder().decode(s.getData().get(item.getKey())));
      }
    } else if (v.getConfigMap() != null) {
      var cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
      for (KeyToPath item : v.getConfigMap().getItems()) {
        Files.writeString(d.resolve(item.getPath()), cm.getData().get(item.getKey()));
      }
    }
    return d;
  }

  private String secretValue(String ns, String name, String key) {
    Secret s = client.secrets().inNamespace(ns).withName(name).get();
    if (s == null) {
      return null;
    }
    if (s.getData() != null && s.getData().containsKey(key)) {
      return new String(Base64.getDecoder().decode(s.getData().get(key)),
          StandardCharsets.UTF_8);
    }
    return s.getStringData() == null ? null : s.getStringData().get(key);
  }

  /** A path inside the container as the directory standing for it. */
  private static String translate(String value, Map<String, Path> mounts) {
    return mounts.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, Path> e) -> -e.getKey().length()))
        .filter(e -> value.equals(e.getKey()) || value.startsWith(e.getKey() + "/"))
        .findFirst()
        .map(e -> e.getValue() + value.substring(e.getKey().length()))
        .orElse(value);
  }

  /** Records the container's end on the pod (if it is still there) and on the Job. */
  private void finished(Running r, boolean podExists) {
    int exit = r.process().exitValue();
    String message = read(r.dir().resolve("termination-log"));
    if (message.isEmpty()) {
      List<String> lines = read(r.dir().resolve("log")).lines().toList();
      message = String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
    String ns = r.pod().getMetadata().getNamespace();
    if (podExists) {
      Pod pod = client.pods().inNamespace(ns).withName(r.pod().getMetadata().getName()).get();
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
          .withPhase(exit == 0 ? "Succeeded" : "Failed")
          .withContainerStatuses(new ContainerStatusBuilder().withName(
              r.pod().getSpec().getContainers().get(0).getName())
              .withState(new ContainerStateBuilder().withNewTerminated()
                  .withExitCode(exit).withReason(exit == 0 ? "Completed" : "Error")
                  .withMessage(message).endTerminated().build()).build())
          .build());
      client.pods().inNamespace(ns).resource(pod).update();
      podsByJob.put(ns + "/" + r.job().getMetadata().getName(), pod);
    }
    Job job = client.batch().v1().jobs().inNamespace(ns).withName(r.job().getMetadata().getName())
        .get();
    if (job == null || !job.getMetadata().getUid().equals(r.job().getMetadata().getUid())) {
      return;
    }
    boolean ok = exit == 0 && podExists;
    job.setStatus(new JobStatusBuilder()
        .withSucceeded(ok ? 1 : 0).withFailed(ok ? 0 : 1)
        .withConditions(new JobConditionBuilder().withType(ok ? "Complete" : "Failed")
            .withStatus("True").withReason(ok ? "Completed" : podExists ? "BackoffLimitExceeded"
                : "PodDeleted")
            .withMessage(ok ? "" : "Job has reached the specified backoff limit").build())
        .build());
    client.batch().v1().jobs().inNamespace(ns).resource(job).update();
  }

  /** The garbage collector: pods whose Job is gone (or replaced) are deleted. */
  private void gc() {
    for (Pod p : client.pods().inAnyNamespace().withLabel("job-name").list().getItems()) {
      String ns = p.getMetadata().getNamespace();
      Job job = client.batch().v1().jobs().inNamespace(ns).withName(p.getMetadata().getLabels()
          .get("job-name")).get();
      if (job == null
          || !job.getMetadata().getUid().equals(p.getMetadata().getLabels().get("controller-uid"))) {
        Running r = running.remove(ns + "/" + p.getMetadata().getName());
        if (r != null) {
          r.process().destroyForcibly();
        }
        client.pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
      }
    }
  }

  /** As an emptyDir, and the pod's own directory, are: whoever the container runs as. */
  static Path writableByAll(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    return dir;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Running r : running.values()) {
      r.process().destroyForcibly();
    }
  }
}
