package dev.cairn.operator.restore;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Checks, reading only, that a PVC can be restored in place, and refuses with a message naming
 * the object when not: the PVC unknown or not bound, no or several ReplicationSources backing
 * it up (without {@code --from}), a source mid-run, pods without a controller mounting it.
 */
final class Preflight {
  private final KubernetesClient client;

  Preflight(KubernetesClient client) {
    this.client = client;
  }

  /** The plan for {@code request}, or a {@link RestoreFailedException} saying why not. */
  RestorePlan plan(RestoreRequest request, String tag) {
    String ns = request.namespace();
    String name = request.pvc();
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(name)
        .get();
    if (pvc == null) {
      throw refuse("PersistentVolumeClaim %s/%s not found", ns, name);
    }
    String volume = pvc.getSpec().getVolumeName();
    if (volume == null || pvc.getStatus() == null
        || !"Bound".equals(pvc.getStatus().getPhase())) {
      throw refuse("PersistentVolumeClaim %s/%s is not bound to a PersistentVolume", ns, name);
    }
    PersistentVolume pv = client.persistentVolumes().withName(volume).get();
    if (pv == null) {
      throw refuse("PersistentVolume %s of PersistentVolumeClaim %s/%s not found", volume, ns,
          name);
    }
    List<ReplicationSource> sources = client.resources(ReplicationSource.class).inNamespace(ns)
        .list().getItems().stream()
        .filter(s -> s.getSpec() != null && name.equals(s.getSpec().sourcePVC())).toList();
    for (ReplicationSource s : sources) {
      if (s.getStatus() != null && s.getStatus().lastSyncStartTime() != null) {
        throw refuse("ReplicationSource %s/%s is mid-run (started %s); retry when it is done",
            ns, s.getMetadata().getName(), s.getStatus().lastSyncStartTime());
      }
    }
    ResticDestinationSpec restic;
    String origin;
    if (request.from() != null) {
      restic = fromDestination(ns, request.from());
      origin = "ReplicationDestination " + request.from();
    } else {
      ReplicationSource source = backingSource(ns, name, sources);
      restic = fromSource(source.getSpec().restic());
      origin = "ReplicationSource " + source.getMetadata().getName();
    }
    List<String> bare = client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> WorkloadScaler.mounts(p.getSpec(), name) && !controlled(p))
        .map(p -> p.getMetadata().getName()).toList();
    if (!bare.isEmpty()) {
      throw refuse("pods without a controller mount PersistentVolumeClaim %s/%s: %s; stop them"
          + " first (the restore cannot scale them down and bring them back)", ns, name,
          String.join(", ", bare));
    }
    String base = name.length() > 40 ? name.substring(0, 40) : name;
    return new RestorePlan(pvc, volume, pv.getSpec().getPersistentVolumeReclaimPolicy(), restic,
        origin, new WorkloadScaler(client, ns).mounting(name), "restore-pvc-" + base,
        base + "-restored-" + tag.substring(tag.length() - 6), tag);
  }

  private ReplicationSource backingSource(String ns, String pvc,
      List<ReplicationSource> sources) {
    List<ReplicationSource> restic = sources.stream()
        .filter(s -> s.getSpec().restic() != null).toList();
    if (restic.isEmpty()) {
      throw refuse("no ReplicationSource with a restic mover backs up PersistentVolumeClaim"
          + " %s/%s%s; name the repository with --from REPLICATIONDESTINATION", ns, pvc,
          sources.isEmpty() ? "" : " (candidates without restic: " + names(sources) + ")");
    }
    if (restic.size() > 1) {
      throw refuse("ReplicationSources %s all back up PersistentVolumeClaim %s/%s; choose the"
          + " repository with --from REPLICATIONDESTINATION", names(restic), ns, pvc);
    }
    return restic.get(0);
  }

  private ResticDestinationSpec fromDestination(String ns, String name) {
    ReplicationDestination rd = client.resources(ReplicationDestination.class).inNamespace(ns)
        .withName(name).get();
    if (rd == null) {
      throw refuse("ReplicationDestination %s/%s (--from) not found", ns, name);
    }
    if (rd.getSpec() == null || rd.getSpec().restic() == null) {
      throw refuse("ReplicationDestination %s/%s (--from) has no restic mover", ns, name);
    }
    return rd.getSpec().restic();
  }

  /** A source's repository, cache and mover settings, as a destination's. */
  private static ResticDestinationSpec fromSource(ResticSourceSpec s) {
    return new ResticDestinationSpec(null, null, null, null, null, null, null, s.repository(),
        s.customCA(), s.cacheCapacity(), s.cacheStorageClassName(), s.cacheAccessModes(), null,
        null, null, null, s.moverSecurityContext(), s.moverServiceAccount(),
        s.moverPodLabels(), s.moverResources(), s.moverAffinity(), s.moverVolumes());
  }

  private static boolean controlled(Pod p) {
    List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()));
  }

  private static String names(List<ReplicationSource> sources) {
    return String.join(", ", sources.stream().map(s -> s.getMetadata().getName()).toList());
  }

  private static RestoreFailedException refuse(String format, Object... args) {
    return new RestoreFailedException(RestoreStep.PREFLIGHT, String.format(format, args));
  }
}
