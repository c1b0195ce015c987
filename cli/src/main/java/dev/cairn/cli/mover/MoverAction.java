package dev.cairn.cli.mover;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The actions of Volsync's mover, run in the order given. */
public enum MoverAction {
  /** Remove locks whose holders are gone ({@code restic unlock}). */
  UNLOCK,
  /** Back up {@code DATA_DIR} (skipped when empty), then forget with {@code FORGET_OPTIONS}. */
  BACKUP,
  /** Remove unused data with restic's defaults. */
  PRUNE,
  /** Restore the selected snapshot into {@code DATA_DIR}. */
  RESTORE;

  /** The action's name on the command line and in the result. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the command line's actions.
   *
   * @throws MoverFailure (exit 2, as {@code entry.sh}) naming an unknown action, or when none
   *     is given
   */
  public static List<MoverAction> parse(List<String> names) {
    if (names.isEmpty()) {
      throw new MoverFailure(Outcome.FAILED, MoverFailure.USAGE,
          "no action given: want one or more of unlock, backup, prune, restore");
    }
    List<MoverAction> out = new ArrayList<>();
    for (String n : names) {
      try {
        out.add(valueOf(n.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new MoverFailure(Outcome.FAILED, MoverFailure.USAGE, "unknown operation: " + n
            + " (want unlock, backup, prune or restore)");
      }
    }
    return out;
  }
}
