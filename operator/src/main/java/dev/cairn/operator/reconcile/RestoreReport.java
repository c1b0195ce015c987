package dev.cairn.operator.reconcile;

import dev.cairn.operator.mover.MoverOutcome;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;

/**
 * What a ReplicationDestination says about a finished restore, decided from the mover's result
 * alone: the {@code Restored} condition (True with the snapshot restored; False with {@code
 * NothingRestored} when the repository had no snapshot, Volsync's bootstrap of a new
 * application; False with the failure's class, e.g. {@code NoSnapshot}, {@code WrongPassword},
 * {@code Unreachable}, when the run failed) and, for a success, the event saying so.
 *
 * @param restored the condition's status
 * @param reason the condition's (and the event's) reason
 * @param message the condition's (and the event's) message
 * @param snapshotId the restored snapshot's id, or null
 * @param snapshotTime when the restored snapshot was taken, or null
 */
public record RestoreReport(boolean restored, String reason, String message, String snapshotId,
    String snapshotTime) {
  public static final String CONDITION = "Restored";
  static final String RESTORED = "Restored";
  static final String NOTHING_RESTORED = "NothingRestored";

  /**
   * The report of a run restoring into PersistentVolumeClaim {@code pvc} that ended with {@code
   * outcome}; {@code image} is the latest image after a success.
   */
  public static RestoreReport of(MoverOutcome outcome, String pvc, TypedLocalObjectReference image) {
    if (!outcome.success()) {
      return new RestoreReport(false, Conditions.reason(outcome.outcome()),
          "nothing restored into PersistentVolumeClaim " + pvc + ": " + outcome.message(), null,
          null);
    }
    String id = outcome.text("restore", "snapshot_id");
    String time = outcome.text("restore", "snapshot_time");
    String into = "PersistentVolumeClaim " + pvc + imageText(pvc, image);
    if (id == null) {
      return new RestoreReport(false, NOTHING_RESTORED, "the repository has no snapshot:"
          + " nothing was restored into " + into + " (a new application's first start)",
          null, null);
    }
    Long files = outcome.number("restore", "files");
    return new RestoreReport(true, RESTORED, "restored snapshot " + shortId(id)
        + (time == null ? "" : " taken " + time) + " into " + into
        + (files == null ? "" : ": " + files + " files"), id, time);
  }

  private static String imageText(String pvc, TypedLocalObjectReference image) {
    if (image == null || ("PersistentVolumeClaim".equals(image.getKind())
        && pvc.equals(image.getName()))) {
      return "";
    }
    return ", image " + image.getKind() + " " + image.getName();
  }

  /** restic's short form of a snapshot id: its first eight hex digits. */
  public static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
