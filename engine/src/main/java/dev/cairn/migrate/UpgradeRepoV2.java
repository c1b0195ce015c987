package dev.cairn.migrate;

import dev.cairn.repository.Repository;
import java.io.IOException;

/**
 * {@code upgrade_repo_v2}: raises the repository format from version 1 to 2 (restic 0.14), so
 * that new blobs and unpacked files are stored compressed. Only the config changes: its version
 * becomes 2, id and chunker polynomial stay, and nothing already stored is rewritten (version 2
 * reads every version 1 file as it is). The repository is checked first.
 */
public final class UpgradeRepoV2 implements Migration {
  private final ConfigReplacer replacer;

  /** Replaces the config with {@code replacer}. */
  public UpgradeRepoV2(ConfigReplacer replacer) {
    this.replacer = replacer;
  }

  @Override
  public String name() {
    return "upgrade_repo_v2";
  }

  @Override
  public String description() {
    return "upgrade a repository to version 2";
  }

  @Override
  public Applicability check(Repository repo) throws IOException {
    int version = ConfigReplacer.current(repo).version();
    return version == 1
        ? Applicability.yes()
        : Applicability.no("repository is already upgraded to version " + version);
  }

  @Override
  public boolean needsRepositoryCheck() {
    return true;
  }

  /**
   * Writes the config with version 2. Forced on a version 2 repository, it writes the same
   * config again, as restic 0.14 does.
   *
   * @throws ConfigReplaceException when the new config could not be written; the old one is
   *     then back in place, or else in a local file the message names
   */
  @Override
  public void apply(Repository repo) throws IOException {
    replacer.replace(repo, config -> config.withVersion(2));
  }
}
