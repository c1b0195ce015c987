package dev.cairn.cli;

import dev.cairn.cli.repo.DurationParser;
import dev.cairn.cli.repo.RepositorySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, with restic's names and environment variables. */
public final class GlobalOptions {
  @Option(scope = ScopeType.INHERIT, names = {"-r", "--repo"}, description = "repository to use (env: RESTIC_REPOSITORY)")
  String repo;

  @Option(scope = ScopeType.INHERIT, names = "--repository-file", description = "file holding the repository location (env: RESTIC_REPOSITORY_FILE)")
  Path repoFile;

  @Option(scope = ScopeType.INHERIT, names = {"-p", "--password-file"}, description = "file holding the password (env: RESTIC_PASSWORD_FILE)")
  Path passwordFile;

  @Option(scope = ScopeType.INHERIT, names = "--password-command", description = "command printing the password (env: RESTIC_PASSWORD_COMMAND)")
  String passwordCommand;

  @Option(scope = ScopeType.INHERIT, names = "--cache-dir", description = "cache directory (env: RESTIC_CACHE_DIR)")
  Path cacheDir;

  @Option(scope = ScopeType.INHERIT, names = "--no-cache", description = "do not use a local cache")
  boolean noCache;

  @Option(scope = ScopeType.INHERIT, names = "--json", description = "print JSON instead of text")
  boolean json;

  @Option(scope = ScopeType.INHERIT, names = {"-q", "--quiet"}, description = "print only errors")
  boolean quiet;

  @Option(scope = ScopeType.INHERIT, names = {"-v", "--verbose"}, description = "be verbose (repeat for more)")
  boolean[] verbose = new boolean[0];

  @Option(scope = ScopeType.INHERIT, names = "--compression", description = "auto, off or max (env: RESTIC_COMPRESSION)")
  String compression;

  @Option(scope = ScopeType.INHERIT, names = "--pack-size", description = "target pack size in MiB, 4..128 (env: RESTIC_PACK_SIZE)")
  Integer packSize;

  @Option(scope = ScopeType.INHERIT, names = "--no-lock", description = "do not lock the repository (read-only commands)")
  boolean noLock;

  @Option(scope = ScopeType.INHERIT, names = "--retry-lock", description = "retry to lock the repository for this long, e.g. 2m")
  String retryLock;

  @Option(scope = ScopeType.INHERIT, names = "--cacert", description = "PEM file of a certificate authority to trust besides the system's (repeatable; env: RESTIC_CACERT, comma separated)")
  List<Path> caCerts = new ArrayList<>();

  @Option(scope = ScopeType.INHERIT, names = "--insecure-tls", description = "skip TLS certificate verification (insecure)")
  boolean insecureTls;

  @Option(scope = ScopeType.INHERIT, names = {"-o", "--option"}, description = "extended option key=value")
  List<String> extended = new ArrayList<>();

  /** The repository flags, for {@link dev.cairn.cli.repo.RepositoryLocator}. */
  RepositorySettings settings() {
    return new RepositorySettings(repo, repoFile, passwordFile, passwordCommand, cacheDir,
        noCache, compression, packSize, caCerts, insecureTls, extended);
  }

  int verbosity() {
    return quiet ? -1 : verbose.length;
  }

  Duration retryLockDuration() {
    return retryLock == null ? Duration.ZERO : DurationParser.parse(retryLock);
  }
}
