package dev.cairn.cli.mover;

/**
 * How a mover run ended, one class per way a controller must react, each with its exit code.
 * The first three are successes: the Job succeeds.
 */
public enum Outcome {
  /** Everything asked for was done. */
  OK("ok", 0),
  /** The snapshot was saved but some files could not be read; the result lists them. */
  PARTIAL("partial", 0),
  /** Nothing to do: the volume is empty (backup), or the repository has no snapshot (restore). */
  SKIPPED_EMPTY("skipped-empty", 0),
  /** The repository has snapshots, but none matches the restore's selection. */
  NO_SNAPSHOT("no-snapshot", 3),
  /** No repository at the location (only an action that does not create one reports this). */
  NO_REPOSITORY("no-repository", 10),
  /** Another live process holds a conflicting lock. */
  LOCKED("locked", 11),
  /** The password opens no key of the repository. */
  WRONG_PASSWORD("wrong-password", 12),
  /** The store cannot be reached, or refuses the credentials. */
  UNREACHABLE("unreachable", 13),
  /** Anything else: a bad environment, a full disk, a damaged repository. */
  FAILED("failed", 1);

  private final String id;
  private final int exitCode;

  Outcome(String id, int exitCode) {
    this.id = id;
    this.exitCode = exitCode;
  }

  /** The class's name in the result, e.g. {@code wrong-password}. */
  public String id() {
    return id;
  }

  /** The mover's exit code for this class. */
  public int exitCode() {
    return exitCode;
  }

  /** Whether the run counts as a success (exit code 0). */
  public boolean success() {
    return exitCode == 0;
  }
}
