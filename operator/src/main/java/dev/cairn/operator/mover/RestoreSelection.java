package dev.cairn.operator.mover;

import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Which snapshot a restore takes and how it writes, as the mover's environment (Volsync's
 * section 2.5): {@code RESTORE_AS_OF} the newest snapshot at or before this RFC 3339 time (empty:
 * the newest), {@code SELECT_PREVIOUS} that many snapshots further back ("0" by default), and
 * {@code RESTORE_OPTIONS} {@code --delete} when {@code enableFileDeletion} is set, so that what
 * the snapshot does not have is removed from the volume.
 *
 * @param restoreAsOf the value of {@code RESTORE_AS_OF}, as the user wrote it, or empty
 * @param previous the value of {@code SELECT_PREVIOUS}
 * @param restoreOptions the value of {@code RESTORE_OPTIONS}
 */
public record RestoreSelection(String restoreAsOf, String previous, String restoreOptions) {
  /** What {@code RESTORE_OPTIONS} holds with {@code enableFileDeletion}. */
  public static final String DELETE = "--delete";

  /**
   * The selection a destination's spec asks for.
   *
   * @throws IllegalArgumentException naming the field when {@code restoreAsOf} is not an RFC
   *     3339 time or {@code previous} is negative
   */
  public static RestoreSelection of(ResticDestinationSpec spec) {
    String asOf = spec.restoreAsOf() == null ? "" : spec.restoreAsOf().trim();
    if (!asOf.isEmpty()) {
      try {
        OffsetDateTime.parse(asOf, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("spec.restic.restoreAsOf \"" + spec.restoreAsOf()
            + "\" is not an RFC 3339 time (e.g. 2026-05-06T07:08:09Z)");
      }
    }
    int previous = spec.previous() == null ? 0 : spec.previous();
    if (previous < 0) {
      throw new IllegalArgumentException("spec.restic.previous " + previous
          + " is negative: it counts snapshots to skip back from the newest");
    }
    return new RestoreSelection(asOf, Integer.toString(previous),
        Boolean.TRUE.equals(spec.enableFileDeletion()) ? DELETE : "");
  }

  /** How the selection reads in a message: {@code the newest snapshot}, {@code ...}. */
  public String describe() {
    String base = restoreAsOf.isEmpty() ? "the newest snapshot"
        : "the newest snapshot at or before " + restoreAsOf;
    return "0".equals(previous) ? base : base + ", " + previous + " back";
  }
}
