package dev.cairn.cli.repo;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a repository is and how to reach it, from restic's global flags; each field left null
 * (or empty) falls back to restic's environment variable, read by {@link RepositoryLocator}.
 *
 * @param repository {@code -r}: the location string (else {@code RESTIC_REPOSITORY})
 * @param repositoryFile {@code --repository-file} (else {@code RESTIC_REPOSITORY_FILE})
 * @param passwordFile {@code --password-file} (else {@code RESTIC_PASSWORD_FILE})
 * @param passwordCommand {@code --password-command} (else {@code RESTIC_PASSWORD_COMMAND})
 * @param cacheDir {@code --cache-dir} (else {@code RESTIC_CACHE_DIR}, then the XDG default)
 * @param noCache {@code --no-cache}
 * @param compression {@code --compression} (else {@code RESTIC_COMPRESSION})
 * @param packSizeMib {@code --pack-size} (else {@code RESTIC_PACK_SIZE})
 * @param caCerts {@code --cacert} files (else {@code RESTIC_CACERT})
 * @param insecureTls {@code --insecure-tls}
 * @param extended {@code -o key=value} options
 */
public record RepositorySettings(
    String repository,
    Path repositoryFile,
    Path passwordFile,
    String passwordCommand,
    Path cacheDir,
    boolean noCache,
    String compression,
    Integer packSizeMib,
    List<Path> caCerts,
    boolean insecureTls,
    List<String> extended) {
  public RepositorySettings {
    caCerts = List.copyOf(caCerts);
    extended = List.copyOf(extended);
  }

  /** Everything from the environment. */
  public static RepositorySettings fromEnvironment() {
    return new RepositorySettings(null, null, null, null, null, false, null, null, List.of(),
        false, List.of());
  }

  /** These settings with {@code files} as the extra trusted certificate authorities. */
  public RepositorySettings withCaCerts(List<Path> files) {
    return new RepositorySettings(repository, repositoryFile, passwordFile, passwordCommand,
        cacheDir, noCache, compression, packSizeMib, files, insecureTls, extended);
  }

  /** These settings with more {@code -o} options. */
  public RepositorySettings withExtended(List<String> more) {
    List<String> all = new java.util.ArrayList<>(extended);
    all.addAll(more);
    return new RepositorySettings(repository, repositoryFile, passwordFile, passwordCommand,
        cacheDir, noCache, compression, packSizeMib, caCerts, insecureTls, all);
  }
}
