package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.CustomCA;
import dev.cairn.operator.api.v1alpha1.MoverVolume;
import dev.cairn.operator.mover.Labels;
import dev.cairn.operator.mover.MoverEnv;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.volume.Ensured;
import dev.cairn.operator.volume.SpecException;
import dev.cairn.operator.volume.VolumeSnapshots;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ensure-steps of a sync that do not depend on its direction: the repository Secret, the
 * custom CA and extra volumes it names, the ServiceAccount, the Job of the run, its result, and
 * the cleanup of the run's temporary objects. Each step is idempotent; a missing object named by
 * the spec is a {@link SpecException}.
 */
final class MoverSteps {
  /** On the Job: which run it belongs to, so a Job of an earlier attempt is never taken for it. */
  static final String RUN = "cairn.dev/run";

  private final KubernetesClient client;

  MoverSteps(KubernetesClient client) {
    this.client = client;
  }

  /** The repository Secret's keys; it must have {@code RESTIC_REPOSITORY} and the password. */
  Set<String> secretKeys(String ns, String name) {
    if (name == null || name.isEmpty()) {
      throw new SpecException("spec.restic.repository is not set: it names the Secret with"
          + " RESTIC_REPOSITORY and RESTIC_PASSWORD");
    }
    Secret s = client.secrets().inNamespace(ns).withName(name).get();
    if (s == null) {
      throw new SpecException("Secret " + name + " not found");
    }
    Set<String> keys = new HashSet<>();
    if (s.getData() != null) {
      keys.addAll(s.getData().keySet());
    }
    if (s.getStringData() != null) {
      keys.addAll(s.getStringData().keySet());
    }
    for (String k : MoverEnv.REQUIRED_KEYS) {
      if (!keys.contains(k)) {
        throw new SpecException("Secret " + name + " has no key " + k);
      }
    }
    return keys;
  }

  /** The custom CA's volume ({@code ca.crt}), or null when none is configured. */
  Volume customCA(String ns, CustomCA ca) {
    if (ca == null || !ca.isSet()) {
      return null;
    }
    if (ca.key() == null || ca.key().isEmpty()) {
      throw new SpecException("spec.restic.customCA.key is not set");
    }
    KeyToPath item = new KeyToPath(ca.key(), null, MoverEnv.CUSTOM_CA_FILE);
    if (ca.secretName() != null && !ca.secretName().isEmpty()) {
      Secret s = client.secrets().inNamespace(ns).withName(ca.secretName()).get();
      if (s == null) {
        throw new SpecException("Secret " + ca.secretName() + " (customCA) not found");
      }
      if (s.getData() == null || !s.getData().containsKey(ca.key())) {
        throw new SpecException("Secret " + ca.secretName() + " has no key " + ca.key());
      }
      return new VolumeBuilder().withName("custom-ca").withNewSecret()
          .withSecretName(ca.secretName()).withItems(item).endSecret().build();
    }
    ConfigMap cm = client.configMaps().inNamespace(ns).withName(ca.configMapName()).get();
    if (cm == null) {
      throw new SpecException("ConfigMap " + ca.configMapName() + " (customCA) not found");
    }
    if (cm.getData() == null || !cm.getData().containsKey(ca.key())) {
      throw new SpecException("ConfigMap " + ca.configMapName() + " has no key " + ca.key());
    }
    return new VolumeBuilder().withName("custom-ca").withNewConfigMap()
        .withName(ca.configMapName()).withItems(item).endConfigMap().build();
  }

  /** The PVCs and Secrets of {@code moverVolumes} exist. */
  void requireMoverVolumes(String ns, List<MoverVolume> volumes) {
    if (volumes == null) {
      return;
    }
    for (MoverVolume v : volumes) {
      if (v.volumeSource().persistentVolumeClaim() != null) {
        String claim = v.volumeSource().persistentVolumeClaim().getClaimName();
        if (client.persistentVolumeClaims().inNamespace(ns).withName(claim).get() == null) {
          throw new SpecException("PersistentVolumeClaim " + claim + " (moverVolumes) not found");
        }
      } else if (v.volumeSource().secret() != null) {
        String secret = v.volumeSource().secret().getSecretName();
        if (client.secrets().inNamespace(ns).withName(secret).get() == null) {
          throw new SpecException("Secret " + secret + " (moverVolumes) not found");
        }
      }
    }
  }

  /**
   * The pod's ServiceAccount: the user's {@code moverServiceAccount} (which must exist), else
   * one the controller makes per resource ({@code name}), owned by it.
   */
  String serviceAccount(String ns, String name, String userAccount, OwnerReference owner,
      Map<String, String> labels) {
    if (userAccount != null && !userAccount.isEmpty()) {
      if (client.serviceAccounts().inNamespace(ns).withName(userAccount).get() == null) {
        throw new SpecException("ServiceAccount " + userAccount + " (moverServiceAccount) not"
            + " found");
      }
      return userAccount;
    }
    if (client.serviceAccounts().inNamespace(ns).withName(name).get() == null) {
      client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder()
          .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
          .withOwnerReferences(owner).endMetadata().build()).create();
    }
    return name;
  }

  /** Whether the namespace allows privileged movers ({@code volsync.backube/privileged-movers}). */
  boolean privileged(String ns) {
    Namespace n = client.namespaces().withName(ns).get();
    return n != null && n.getMetadata().getAnnotations() != null
        && "true".equals(n.getMetadata().getAnnotations().get(Labels.PRIVILEGED_MOVERS));
  }

  /**
   * The Job of run {@code run}: created from {@code desired} when missing; a Job left by an
   * earlier run or attempt is deleted first (and waited for), never changed.
   */
  Ensured<Job> job(Job desired, String run) {
    String ns = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    Job job = client.batch().v1().jobs().inNamespace(ns).withName(name).get();
    if (job != null && job.getMetadata().getDeletionTimestamp() != null) {
      return Ensured.waiting("the Job " + name + " of the previous run to be deleted");
    }
    if (job != null && !run.equals(annotation(job, RUN))) {
      deleteJob(ns, name);
      return Ensured.waiting("the Job " + name + " of the previous run to be deleted");
    }
    if (job == null) {
      desired.getMetadata().setAnnotations(Map.of(RUN, run));
      job = client.batch().v1().jobs().inNamespace(ns).resource(desired).create();
    }
    return Ensured.ready(job);
  }

  /** The outcome of a finished Job (its pod's result), or empty while it runs. */
  Optional<MoverOutcome> outcome(Job job) {
    boolean done = job.getStatus() != null && (count(job.getStatus().getSucceeded()) > 0
        || count(job.getStatus().getFailed()) > 0 || finishedCondition(job) != null);
    if (!done) {
      return Optional.empty();
    }
    Optional<Pod> pod = client.pods().inNamespace(job.getMetadata().getNamespace())
        .withLabel("job-name", job.getMetadata().getName()).list().getItems().stream()
        .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
            : p.getMetadata().getCreationTimestamp()));
    Optional<MoverOutcome> fromPod = pod.flatMap(MoverOutcome::of);
    if (fromPod.isPresent()) {
      return fromPod;
    }
    JobCondition c = finishedCondition(job);
    return Optional.of(MoverOutcome.failed("Job " + job.getMetadata().getName() + " ended "
        + (c == null ? "" : "(" + c.getReason() + ": " + c.getMessage() + ") ")
        + "without a result from its pod (deleted, evicted or lost with its node)"));
  }

  private static JobCondition finishedCondition(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    for (JobCondition c : job.getStatus().getConditions()) {
      if (("Failed".equals(c.getType()) || "Complete".equals(c.getType()))
          && "True".equals(c.getStatus())) {
        return c;
      }
    }
    return null;
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }

  private static String annotation(HasMetadata o, String key) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  /** Deletes a Job with its pods (foreground: the name is free once it is gone). */
  void deleteJob(String ns, String name) {
    client.batch().v1().jobs().inNamespace(ns).withName(name)
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
  }

  /**
   * Deletes the temporary objects of a sync of the resource with uid {@code uid}: its Job,
   * and, unless {@code keepCopies}, its point-in-time PVC and VolumeSnapshot (a retry reuses
   * them). Snapshots labelled do-not-delete are kept.
   */
  void cleanup(String ns, String uid, String jobName, boolean keepCopies) {
    deleteJob(ns, jobName);
    if (keepCopies) {
      return;
    }
    client.persistentVolumeClaims().inNamespace(ns).withLabel(Labels.CLEANUP, uid).delete();
    VolumeSnapshots snapshots = new VolumeSnapshots(client);
    for (var vs : snapshots.labelled(ns, Labels.CLEANUP, uid)) {
      Map<String, String> labels = vs.getMetadata().getLabels();
      if (labels == null || !labels.containsKey(Labels.DO_NOT_DELETE)) {
        snapshots.delete(ns, vs.getMetadata().getName());
      }
    }
  }

  /** Identifies a run: when it started and which attempt it is. */
  static String runId(java.time.Instant start, int attempt) {
    return SyncStatus.text(start) + "/" + attempt;
  }
}
