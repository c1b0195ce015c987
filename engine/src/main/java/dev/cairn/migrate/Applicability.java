package dev.cairn.migrate;

/**
 * Whether a migration can be applied to a repository, and if not, why.
 *
 * @param applies true when the migration can be applied
 * @param reason why it cannot, for the user; empty when it applies
 */
public record Applicability(boolean applies, String reason) {
  /** The migration can be applied. */
  public static Applicability yes() {
    return new Applicability(true, "");
  }

  /** The migration cannot be applied, because of {@code reason}. */
  public static Applicability no(String reason) {
    return new Applicability(false, reason);
  }
}
