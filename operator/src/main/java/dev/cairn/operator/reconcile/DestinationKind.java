package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.api.v1alpha1.MoverSettings;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationSpec;
import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.mover.Labels;
import dev.cairn.operator.mover.MoverEnv;
import dev.cairn.operator.mover.MoverJob;
import dev.cairn.operator.mover.MoverNames;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.mover.RestoreSelection;
import dev.cairn.operator.mover.Role;
import dev.cairn.operator.volume.CacheVolume;
import dev.cairn.operator.volume.DestinationImage;
import dev.cairn.operator.volume.DestinationVolume;
import dev.cairn.operator.volume.Ensured;
import dev.cairn.operator.volume.SpecException;
import dev.cairn.operator.volume.VolumeSnapshots;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A ReplicationDestination's part of a sync: runs {@code restore} into its volume ({@code
 * destinationPVC}, or {@code volsync-<rd>-dest}) with the snapshot selection of its spec, then
 * makes the image ({@code Direct}: the volume; {@code Snapshot}: a VolumeSnapshot of it, once
 * ready to use), which becomes {@code status.latestImage} and retires the one before. What was
 * restored, or why nothing was, goes into {@code status.restic}, the {@code Restored} condition
 * and an event ({@link RestoreReport}).
 */
final class DestinationKind implements SyncKind<ReplicationDestination> {
  private final KubernetesClient client;
  private final ReconcileSettings settings;
  private final DestinationVolume volumes;
  private final DestinationImage images;
  private final CacheVolume caches;
  private final Colocation colocation;
  private final EventRecorder events;
  private final DecisionLog log;

  DestinationKind(KubernetesClient client, ReconcileSettings settings, EventRecorder events,
      DecisionLog log) {
    this.client = client;
    this.settings = settings;
    this.volumes = new DestinationVolume(client);
    this.images = new DestinationImage(client);
    this.caches = new CacheVolume(client);
    this.colocation = new Colocation(client);
    this.events = events;
    this.log = log;
  }

  @Override
  public Role role() {
    return Role.DESTINATION;
  }

  @Override
  public TriggerSpec trigger(ReplicationDestination r) {
    return r.getSpec() == null ? null : r.getSpec().trigger();
  }

  @Override
  public boolean paused(ReplicationDestination r) {
    return r.getSpec() != null && r.getSpec().isPaused();
  }

  @Override
  public MoverSettings restic(ReplicationDestination r) {
    ReplicationDestinationSpec spec = r.getSpec();
    if (spec != null && spec.restic() != null) {
      return spec.restic();
    }
    String other = spec == null ? null : spec.rsync() != null ? "rsync"
        : spec.rsyncTLS() != null ? "rsyncTLS" : spec.rclone() != null ? "rclone"
        : spec.external() != null ? "external" : null;
    throw SyncKind.notRestic(other);
  }

  /** The copy method; Volsync's destination knows only Direct (None) and Snapshot. */
  static CopyMethod method(ResticDestinationSpec spec) {
    CopyMethod m;
    try {
      m = CopyMethod.of(spec.copyMethod());
    } catch (IllegalArgumentException e) {
      throw new SpecException(e.getMessage());
    }
    if (m == CopyMethod.Clone) {
      throw new SpecException("spec.restic.copyMethod Clone is not supported by a"
          + " ReplicationDestination: it must be Direct, None or Snapshot");
    }
    return m;
  }

  static RestoreSelection selection(ResticDestinationSpec spec) {
    try {
      return RestoreSelection.of(spec);
    } catch (IllegalArgumentException e) {
      throw new SpecException(e.getMessage());
    }
  }

  @Override
  public void validate(ReplicationDestination r, MoverSettings restic, MoverSteps steps) {
    ResticDestinationSpec spec = (ResticDestinationSpec) restic;
    String ns = r.getMetadata().getNamespace();
    steps.secretKeys(ns, spec.repository());
    steps.customCA(ns, spec.customCA());
    steps.requireMoverVolumes(ns, spec.moverVolumes());
    CopyMethod method = method(spec);
    selection(spec);
    volumes.check(ns, spec, names(r).destination());
    if (method == CopyMethod.Snapshot) {
      new VolumeSnapshots(client).requireClass(spec.volumeSnapshotClassName());
    }
  }

  @Override
  public void tidy(ReplicationDestination r) {
    int released = images.releaseKept(r.getMetadata().getNamespace(), r.getMetadata().getUid());
    if (released > 0) {
      log.info(r, "snapshots-released", "count", released, "label", Labels.DO_NOT_DELETE);
    }
  }

  @Override
  public SyncStatus status(ReplicationDestination r) {
    return SyncStatus.of(r.getStatus());
  }

  @Override
  public void setStatus(ReplicationDestination r, SyncStatus status) {
    r.setStatus(status.toDestination());
  }

  @Override
  public Object record(SyncStatus status) {
    return status.toDestination();
  }

  @Override
  public List<String> plan(ReplicationDestination r, MoverSettings restic, SyncStatus st,
      Instant now) {
    return List.of("restore");
  }

  @Override
  public String unlockTag(MoverSettings restic) {
    return null;
  }

  @Override
  public Ensured<MoverJobInputs> prepare(ReplicationDestination r, MoverSettings restic,
      SyncStatus st, MoverNames names, OwnerReference owner, MoverSteps steps) {
    ResticDestinationSpec spec = (ResticDestinationSpec) restic;
    String ns = r.getMetadata().getNamespace();
    Set<String> keys = steps.secretKeys(ns, spec.repository());
    Volume ca = steps.customCA(ns, spec.customCA());
    Ensured<PersistentVolumeClaim> data = volumes.ensure(ns, spec, names.destination(),
        SyncReconciler.labels(r, false), owner);
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
    boolean debug = r.getMetadata().getAnnotations() != null
        && r.getMetadata().getAnnotations().containsKey(Labels.DEBUG_MOVER);
    RestoreSelection sel = selection(spec);
    var env = MoverEnv.build(spec.repository(), keys, new MoverEnv.Inputs("",
        sel.restoreAsOf(), sel.previous(), sel.restoreOptions(), debug, ca != null, privileged,
        names.job()), settings.controllerEnv());
    return Ensured.ready(new MoverJobInputs(MoverJob.build(new MoverJob.Request(names, r,
        st.currentRun.actions(), settings.moverImage(), env, pvc.getMetadata().getName(), false,
        names.cache(), sa, ca, spec, privileged, paused(r), colocation.of(pvc)))));
  }

  @Override
  public Ensured<Boolean> afterMover(ReplicationDestination r, MoverSettings restic,
      SyncStatus st, MoverOutcome outcome, MoverNames names, OwnerReference owner, Instant now) {
    ResticDestinationSpec spec = (ResticDestinationSpec) restic;
    String ns = r.getMetadata().getNamespace();
    String name = DestinationVolume.name(spec, names.destination());
    PersistentVolumeClaim pvc = volumes.get(ns, name);
    if (pvc == null) {
      return Ensured.waiting("PersistentVolumeClaim " + name + ", restored into, is gone");
    }
    Ensured<TypedLocalObjectReference> image = images.ensure(pvc, method(spec),
        spec.volumeSnapshotClassName(), st.latestImage, SyncReconciler.labels(r, false), owner,
        now);
    if (image instanceof Ensured.Waiting<TypedLocalObjectReference> w) {
      return Ensured.waiting(w.reason());
    }
    TypedLocalObjectReference latest = ((Ensured.Ready<TypedLocalObjectReference>) image)
        .value();
    TypedLocalObjectReference old = st.latestImage;
    st.latestImage = latest;
    String retired = images.retire(ns, old, latest, r.getMetadata().getUid());
    if (retired != null) {
      log.info(r, "image-retired", "snapshot", old.getName(), "action", retired);
    }
    return Ensured.ready(true);
  }

  @Override
  public void succeeded(ReplicationDestination r, MoverSettings restic, SyncStatus st,
      MoverOutcome outcome, Instant now) {
    RestoreReport report = RestoreReport.of(outcome, pvcName(r, restic), st.latestImage);
    st.restoredSnapshot = report.snapshotId();
    st.restoredSnapshotTime = report.snapshotTime();
    setCondition(r, st, report, now);
    events.record(r, EventRecorder.NORMAL, report.reason(), report.message());
    log.info(r, "restored", "snapshot", report.snapshotId() == null ? "none"
        : RestoreReport.shortId(report.snapshotId()), "image", st.latestImage == null ? "none"
        : st.latestImage.getKind() + "/" + st.latestImage.getName());
  }

  @Override
  public void failed(ReplicationDestination r, SyncStatus st, MoverOutcome outcome,
      Instant now) {
    // status.restic keeps describing latestImage, which this run did not replace
    setCondition(r, st, RestoreReport.of(outcome, pvcName(r, r.getSpec().restic()), null), now);
  }

  private static void setCondition(ReplicationDestination r, SyncStatus st, RestoreReport report,
      Instant now) {
    Long generation = r.getMetadata().getGeneration();
    Conditions.set(st.conditions, RestoreReport.CONDITION, report.restored(), report.reason(),
        report.message(), generation == null ? 0 : generation, now);
  }

  @Override
  public void cleanupAfterSync(ReplicationDestination r, MoverSettings restic, MoverNames names,
      boolean success) {
    ResticDestinationSpec spec = (ResticDestinationSpec) restic;
    String ns = r.getMetadata().getNamespace();
    images.forgetName(ns, DestinationVolume.name(spec, names.destination()));
    if (!success) {
      return;
    }
    if (Boolean.TRUE.equals(spec.cleanupCachePVC())) {
      volumes.delete(ns, names.cache());
    }
    // a Direct image is the volume itself: Cairn keeps it even with cleanupTempPVC
    if (Boolean.TRUE.equals(spec.cleanupTempPVC()) && !DestinationVolume.isUsers(spec)
        && method(spec) == CopyMethod.Snapshot) {
      volumes.delete(ns, names.destination());
    }
  }

  private static MoverNames names(ReplicationDestination r) {
    return new MoverNames(Role.DESTINATION, r.getMetadata().getName());
  }

  private static String pvcName(ReplicationDestination r, MoverSettings restic) {
    return DestinationVolume.name((ResticDestinationSpec) restic, names(r).destination());
  }
}
