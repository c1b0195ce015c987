package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.api.v1alpha1.MoverSettings;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.api.v1alpha1.ReplicationSourceSpec;
import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import dev.cairn.operator.api.v1alpha1.RunPlan;
import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.mover.Labels;
import dev.cairn.operator.mover.MoverEnv;
import dev.cairn.operator.mover.MoverJob;
import dev.cairn.operator.mover.MoverNames;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.mover.RetainFlags;
import dev.cairn.operator.mover.Role;
import dev.cairn.operator.sync.SyncMachine;
import dev.cairn.operator.volume.CacheVolume;
import dev.cairn.operator.volume.Ensured;
import dev.cairn.operator.volume.SourceVolume;
import dev.cairn.operator.volume.SpecException;
import dev.cairn.operator.volume.VolumeSnapshots;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A ReplicationSource's part of a sync: runs {@code [unlock] backup [prune]} (unlock while
 * {@code spec.restic.unlock} differs from the last one done, prune every {@code
 * pruneIntervalDays}) on the point-in-time copy its {@code copyMethod} asks for, and records
 * {@code status.restic.lastPruned} and {@code lastUnlocked} when the run did them.
 */
final class SourceKind implements SyncKind<ReplicationSource> {
  private final KubernetesClient client;
  private final ReconcileSettings settings;
  private final SourceVolume volumes;
  private final CacheVolume caches;
  private final Colocation colocation;

  SourceKind(KubernetesClient client, ReconcileSettings settings) {
    this.client = client;
    this.settings = settings;
    this.volumes = new SourceVolume(client);
    this.caches = new CacheVolume(client);
    this.colocation = new Colocation(client);
  }

  @Override
  public Role role() {
    return Role.SOURCE;
  }

  @Override
  public TriggerSpec trigger(ReplicationSource r) {
    return r.getSpec() == null ? null : r.getSpec().trigger();
  }

  @Override
  public boolean paused(ReplicationSource r) {
    return r.getSpec() != null && r.getSpec().isPaused();
  }

  @Override
  public MoverSettings restic(ReplicationSource r) {
    ReplicationSourceSpec spec = r.getSpec();
    if (spec != null && spec.restic() != null) {
      return spec.restic();
    }
    String other = spec == null ? null : spec.rsync() != null ? "rsync"
        : spec.rsyncTLS() != null ? "rsyncTLS" : spec.rclone() != null ? "rclone"
        : spec.syncthing() != null ? "syncthing" : spec.external() != null ? "external" : null;
    throw SyncKind.notRestic(other);
  }

  @Override
  public void validate(ReplicationSource r, MoverSettings restic, MoverSteps steps) {
    ResticSourceSpec spec = (ResticSourceSpec) restic;
    String ns = r.getMetadata().getNamespace();
    if (r.getSpec().sourcePVC() == null || r.getSpec().sourcePVC().isEmpty()) {
      throw new SpecException("spec.sourcePVC is not set");
    }
    volumes.source(ns, r.getSpec().sourcePVC());
    steps.secretKeys(ns, spec.repository());
    steps.customCA(ns, spec.customCA());
    steps.requireMoverVolumes(ns, spec.moverVolumes());
    CopyMethod method;
    try {
      method = CopyMethod.of(spec.copyMethod());
    } catch (IllegalArgumentException e) {
      throw new SpecException(e.getMessage());
    }
    if (method == CopyMethod.Snapshot
        && new VolumeSnapshots(client).get(ns, new MoverNames(Role.SOURCE,
            r.getMetadata().getName()).pointInTime()) == null) {
      new VolumeSnapshots(client).requireClass(spec.volumeSnapshotClassName());
    }
  }

  @Override
  public SyncStatus status(ReplicationSource r) {
    return SyncStatus.of(r.getStatus());
  }

  @Override
  public void setStatus(ReplicationSource r, SyncStatus status) {
    r.setStatus(status.toSource());
  }

  @Override
  public Object record(SyncStatus status) {
    return status.toSource();
  }

  @Override
  public List<String> plan(ReplicationSource r, MoverSettings restic, SyncStatus st,
      Instant now) {
    ResticSourceSpec spec = (ResticSourceSpec) restic;
    List<String> actions = new ArrayList<>();
    if (SyncMachine.shouldUnlock(spec.unlock(), st.lastUnlocked)) {
      actions.add("unlock");
    }
    actions.add("backup");
    if (SyncMachine.shouldPrune(st.lastPruned,
        SyncStatus.time(r.getMetadata().getCreationTimestamp()), spec.pruneIntervalDays(),
        now)) {
      actions.add("prune");
    }
    return actions;
  }

  @Override
  public String unlockTag(MoverSettings restic) {
    String u = ((ResticSourceSpec) restic).unlock();
    return u == null || u.isEmpty() ? null : u;
  }

  @Override
  public Ensured<MoverJobInputs> prepare(ReplicationSource r, MoverSettings restic,
      SyncStatus st, MoverNames names, OwnerReference owner, MoverSteps steps) {
    ResticSourceSpec spec = (ResticSourceSpec) restic;
    String ns = r.getMetadata().getNamespace();
    Set<String> keys = steps.secretKeys(ns, spec.repository());
    Volume ca = steps.customCA(ns, spec.customCA());
    Ensured<PersistentVolumeClaim> data = volumes.ensure(ns, r.getSpec().sourcePVC(),
        names.pointInTime(), spec, SyncReconciler.labels(r, true), owner);
    if (data instanceof Ensured.Waiting<PersistentVolumeClaim> w) {
      return Ensured.waiting(w.reason());
    }
    PersistentVolumeClaim pvc = ((Ensured.Ready<PersistentVolumeClaim>) data).value();
    Ensured<PersistentVolumeClaim> cache = caches.ensure(ns, names.cache(), spec, pvc,
        SyncReconciler.labels(r, false), owner);
    if (cache instanceof Ensured.Waiting<PersistentVolumeClaim> w) {
      return Ensured.waiting(w.reason());
    }
    String sa = steps.serviceAccount(ns, names.job(), spec.moverServiceAccount(), owner,
        SyncReconciler.labels(r, false));
    boolean privileged = steps.privileged(ns);
    CopyMethod method = CopyMethod.of(spec.copyMethod());
    MoverJob.Placement placement = method == CopyMethod.Direct ? colocation.of(pvc)
        : MoverJob.Placement.ANYWHERE;
    boolean debug = r.getMetadata().getAnnotations() != null
        && r.getMetadata().getAnnotations().containsKey(Labels.DEBUG_MOVER);
    var env = MoverEnv.build(spec.repository(), keys, new MoverEnv.Inputs(
        RetainFlags.of(spec.retain()), "", "0", "", debug, ca != null, privileged, names.job()),
        settings.controllerEnv());
    return Ensured.ready(new MoverJobInputs(MoverJob.build(new MoverJob.Request(names, r,
        st.currentRun.actions(), settings.moverImage(), env, pvc.getMetadata().getName(),
        SourceVolume.readOnly(pvc), names.cache(), sa, ca, spec, privileged, paused(r),
        placement))));
  }

  @Override
  public Ensured<Boolean> afterMover(ReplicationSource r, MoverSettings restic, SyncStatus st,
      MoverOutcome outcome, MoverNames names, OwnerReference owner, Instant now) {
    return Ensured.ready(true);
  }

  @Override
  public void succeeded(ReplicationSource r, MoverSettings restic, SyncStatus st,
      MoverOutcome outcome, Instant now) {
    RunPlan run = st.currentRun;
    if (outcome.did("prune")) {
      st.lastPruned = now;
    }
    if (run != null && run.actions().contains("unlock") && outcome.did("unlock")) {
      st.lastUnlocked = run.unlock();
    } else if (unlockTag(restic) == null) {
      st.lastUnlocked = null;
    }
  }

  @Override
  public void cleanupAfterSync(ReplicationSource r, MoverSettings restic, MoverNames names,
      boolean success) {
    // the point-in-time copy is labelled for cleanup and went with the Job
  }
}
