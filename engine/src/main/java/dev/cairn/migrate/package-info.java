/**
 * Repository migrations, as {@code restic migrate}: named, one-off changes to a repository's
 * format. A {@link dev.cairn.migrate.Migration} says whether it applies to a repository
 * ({@link dev.cairn.migrate.Applicability}), whether the repository should be checked first,
 * and applies itself; {@link dev.cairn.migrate.Migrations} lists the known ones.
 *
 * <p>The one migration so far, {@link dev.cairn.migrate.UpgradeRepoV2}, rewrites the config
 * with format version 2 through {@link dev.cairn.migrate.ConfigReplacer}, which keeps a local
 * copy of the old config and puts it back when writing the new one fails.
 */
package dev.cairn.migrate;
