package dev.cairn.migrate;

import dev.cairn.repository.Repository;
import java.io.IOException;

/**
 * One named change to a repository's format (restic's {@code internal/migrations}). The caller
 * holds an exclusive lock on the repository while it calls {@link #check} and {@link #apply}.
 */
public interface Migration {
  /** The name the user gives on the command line, e.g. {@code upgrade_repo_v2}. */
  String name();

  /** One line saying what the migration does. */
  String description();

  /**
   * Whether the migration can be applied to {@code repo} as it is stored now (not as it was
   * when it was opened: an earlier migration of the same run may have changed it).
   */
  Applicability check(Repository repo) throws IOException;

  /** Whether the repository should pass a check (as {@code cairn check}) before {@link #apply}. */
  boolean needsRepositoryCheck();

  /**
   * Applies the migration. It may be called when {@link #check} said no (the user forced it);
   * it must then leave the repository usable.
   */
  void apply(Repository repo) throws IOException;
}
