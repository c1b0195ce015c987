package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.MoverSettings;
import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.mover.MoverNames;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.mover.Role;
import dev.cairn.operator.volume.Ensured;
import dev.cairn.operator.volume.SpecException;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Instant;
import java.util.List;

/**
 * What a ReplicationSource and a ReplicationDestination do differently within the same sync
 * machine ({@link SyncReconciler}): their spec and status, the actions of a run, the volume the
 * mover works on, and what follows a mover's success.
 */
interface SyncKind<R> {
  Role role();

  TriggerSpec trigger(R resource);

  boolean paused(R resource);

  /**
   * The restic mover's spec.
   *
   * @throws dev.cairn.operator.volume.SpecException when the resource has none (another mover,
   *     or none at all)
   */
  MoverSettings restic(R resource);

  /**
   * The error for a resource without {@code spec.restic}: {@code otherMover} names the mover
   * section it has instead ({@code rsync}, {@code rclone}, ...), or is null when it has none.
   */
  static SpecException notRestic(String otherMover) {
    return new SpecException(otherMover == null
        ? "a replication method must be specified: Cairn runs the restic mover (spec.restic)"
        : "spec." + otherMover + " is not supported: Cairn runs only the restic mover"
            + " (spec.restic)");
  }

  /**
   * Checks what the spec names before anything starts (Secret, CA, volumes, classes).
   *
   * @throws dev.cairn.operator.volume.SpecException naming what is missing or wrong
   */
  void validate(R resource, MoverSettings restic, MoverSteps steps);

  /** Housekeeping on every reconcile, whatever the sync's state (nothing by default). */
  default void tidy(R resource) {}

  SyncStatus status(R resource);

  void setStatus(R resource, SyncStatus status);

  /** The status as its record, for comparing before and after. */
  Object record(SyncStatus status);

  /** The actions of a new run, decided now ({@code [unlock] backup [prune]} or {@code restore}). */
  List<String> plan(R resource, MoverSettings restic, SyncStatus status, Instant now);

  /** The unlock tag a run started now would satisfy, or null. */
  String unlockTag(MoverSettings restic);

  /** The volumes, ServiceAccount and environment of the run's Job, or what they wait for. */
  Ensured<MoverJobInputs> prepare(R resource, MoverSettings restic, SyncStatus status,
      MoverNames names, OwnerReference owner, MoverSteps steps);

  /** What must follow a successful mover before the sync completes (a destination's image). */
  Ensured<Boolean> afterMover(R resource, MoverSettings restic, SyncStatus status,
      MoverOutcome outcome, MoverNames names, OwnerReference owner, Instant now);

  /** Records what a successful run did in the kind's own status fields. */
  void succeeded(R resource, MoverSettings restic, SyncStatus status, MoverOutcome outcome,
      Instant now);

  /** Records in the kind's own status fields that a run failed (nothing by default). */
  default void failed(R resource, SyncStatus status, MoverOutcome outcome, Instant now) {}

  /** Deletes what the kind keeps only for the length of a sync (after its last attempt). */
  void cleanupAfterSync(R resource, MoverSettings restic, MoverNames names, boolean success);
}
