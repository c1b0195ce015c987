package dev.cairn.cli.repo;

import dev.cairn.backend.Backend;
import dev.cairn.backend.CountingBackend;
import dev.cairn.backend.LimitedBackend;
import dev.cairn.backend.RequestStats;
import dev.cairn.backend.RetryPolicy;
import dev.cairn.backend.RetryingBackend;
import dev.cairn.backend.cache.Cache;
import dev.cairn.backend.cache.CachedBackend;
import dev.cairn.core.CairnException;
import dev.cairn.core.Id;
import dev.cairn.pack.Compression;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns the global options and environment into a backend chain, a password and an open
 * repository. The one place where stores and decorators are put together.
 *
 * <p>The chain of an opened repository is {@code CachedBackend(LimitedBackend(store))}: cache
 * hits take no connection. The cache belongs to a repository id, known only from the config, so
 * {@link #open} reads the config (and keys) through the still unbound {@link CachedBackend},
 * then binds the {@link Cache}; after every {@code loadIndex} the packs holding tree blobs
 * become cacheable. Local repositories are cached too, as restic does: the cache is the same
 * code path everywhere and costs only a copy of the metadata. {@code --no-cache} leaves the
 * decorator out; a cache that cannot be opened gives a warning and no cache.
 */
public final class RepositoryLocator {
  private final RepositorySettings options;
  private final Map<String, String> env;
  private final Consumer<String> warn;
  private volatile CountingBackend counting;

  /**
   * @param options the global flags (unset ones fall back to {@code env})
   * @param env the environment: restic's variables and the stores' credentials
   * @param warn receives warnings (each retry, a cache that cannot be opened)
   */
  public RepositoryLocator(RepositorySettings options, Map<String, String> env,
      Consumer<String> warn) {
    this.options = options;
    this.env = env;
    this.warn = warn;
  }

  /** The repository string from {@code -r}, {@code --repository-file} or the environment. */
  public String location() throws IOException {
    String repo = options.repository() != null ? options.repository()
        : env.get("RESTIC_REPOSITORY");
    Path file = options.repositoryFile();
    if (file == null && env.get("RESTIC_REPOSITORY_FILE") != null) {
      file = Path.of(env.get("RESTIC_REPOSITORY_FILE"));
    }
    if (repo == null && file != null) {
      repo = Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    if (repo == null || repo.isEmpty()) {
      throw new CairnException(
          "Please specify repository location (-r or --repository-file, or RESTIC_REPOSITORY)");
    }
    return repo;
  }

  /**
   * The store for the repository string, wrapped as {@code limit(retry(count(store)))}:
   *
   * <ul>
   *   <li>the connection limit is outermost, so a call keeps its permit while it waits to retry:
   *       while the store fails or throttles (503 SlowDown), the other workers do not add
   *       requests, and at most {@code connections} requests are ever in flight (restic puts
   *       its limit inside the retry instead, freeing the permit during the wait);
   *   <li>the counter is innermost, so every request that reaches the store is counted, each
   *       retry included ({@link #requestStats}).
   * </ul>
   *
   * <p>{@code -o connections=N} overrides the store's default number of connections. Each retry
   * is reported on stderr as restic does.
   */
  public Backend backend() throws IOException {
    ExtendedOptions extended = new ExtendedOptions(options.extended());
    Backend store = BackendFactory.open(location(), extended, env,
        BackendFactory.Tls.of(options.caCerts(), options.insecureTls(), env));
    CountingBackend count = new CountingBackend(store);
    counting = count;
    Backend retry = new RetryingBackend(count, retryPolicy(extended),
        (op, what, attempt, wait, cause) -> warn.accept(op + "(" + what
            + ") returned error, retrying after " + waitText(wait) + ": " + cause.getMessage()));
    String connections = extended.get("connections", null);
    return connections == null ? new LimitedBackend(retry)
        : new LimitedBackend(retry, connections(connections));
  }

  /**
   * restic's retry policy, bounded by Cairn's options {@code -o retry.max-attempts=N} and
   * {@code -o retry.max-time=DURATION} (e.g. {@code 30s}) for runs that must fail fast.
   */
  public static RetryPolicy retryPolicy(ExtendedOptions extended) {
    RetryPolicy d = RetryPolicy.DEFAULT;
    String attempts = extended.get("retry.max-attempts", null);
    String time = extended.get("retry.max-time", null);
    return new RetryPolicy(attempts == null ? d.maxAttempts() : connections(attempts), d.base(),
        d.factor(), d.cap(), time == null ? d.maxElapsed() : DurationParser.parse(time));
  }

  /** Requests made to the store opened last by {@link #backend}, or none. */
  public RequestStats requestStats() {
    CountingBackend c = counting;
    return c == null ? RequestStats.NONE : c.stats();
  }

  private static int connections(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CairnException("invalid value \"" + value
        + "\" for option connections: want a number of at least 1");
  }

  /** A wait as restic prints it, roughly: {@code 720ms}, {@code 1.2s}, {@code 2m5.0s}. */
  public static String waitText(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm%.1fs", ms / 60_000, (ms % 60_000) / 1000.0);
  }

  public Compression compression() {
    String c = options.compression() != null ? options.compression()
        : env.get("RESTIC_COMPRESSION");
    return c == null || c.isEmpty() ? Compression.AUTO : Compression.parse(c);
  }

  /** Target pack size in bytes (restic: 16 MiB default, 4..128 MiB). */
  public int packSize() {
    Integer mib = options.packSizeMib();
    if (mib == null && env.get("RESTIC_PACK_SIZE") != null) {
      mib = Integer.parseInt(env.get("RESTIC_PACK_SIZE").trim());
    }
    if (mib == null || mib == 0) {
      return 16 << 20;
    }
    if (mib < 4 || mib > 128) {
      throw new CairnException("pack size " + mib + " MiB is outside the range 4..128 MiB");
    }
    return mib << 20;
  }

  /** Opens the repository (without loading the index) without any cache (check reads it all). */
  public Repository openUncached() throws IOException {
    return RepositoryOpener.open(backend(), password(false), compression());
  }

  /** Opens the repository (without loading the index), with the cache unless --no-cache. */
  public Repository open() throws IOException {
    if (options.noCache()) {
      return RepositoryOpener.open(backend(), password(false), compression());
    }
    return openCachedAt(cacheBase());
  }

  /**
   * Opens the repository with a cache under {@code base} (for check: a temporary one, so that
   * tree packs are fetched whole once rather than tree by tree, as restic's check does).
   */
  public Repository openCachedAt(Path base) throws IOException {
    CachedBackend cached = new CachedBackend(backend());
    Repository repo = RepositoryOpener.open(cached, password(false), compression());
    Cache cache;
    try {
      cache = Cache.open(base, repo.config().id());
    } catch (IOException | IllegalArgumentException e) {
      warn.accept("unable to open cache: " + e.getMessage());
      return repo;
    }
    cached.useCache(cache);
    // tree packs: those the index lists, and those this process saves (restic caches them on
    // upload too, so that the next backup reads its parent's trees from the cache)
    Set<String> saving = ConcurrentHashMap.newKeySet();
    cached.cacheablePacks(saving::contains);
    repo.onTreePackSaving(pack -> saving.add(pack.hex()));
    repo.onIndexLoaded(index -> {
      Set<String> treePacks = new HashSet<>();
      for (Id pack : index.packsWithTrees()) {
        treePacks.add(pack.hex());
      }
      cached.cacheablePacks(name -> treePacks.contains(name) || saving.contains(name));
    });
    return repo;
  }

  /** The cache base: {@code --cache-dir}, else restic's default (see {@link Cache#defaultBase}). */
  public Path cacheBase() {
    return options.cacheDir() != null ? options.cacheDir() : Cache.defaultBase(env);
  }

  /**
   * The password from {@code RESTIC_PASSWORD}, the password file or command, or a terminal
   * prompt (asked twice when {@code confirm}).
   */
  public String password(boolean confirm) throws IOException {
    String pw = env.get("RESTIC_PASSWORD");
    Path file = options.passwordFile();
    if (file == null && env.get("RESTIC_PASSWORD_FILE") != null) {
      file = Path.of(env.get("RESTIC_PASSWORD_FILE"));
    }
    String command =
        options.passwordCommand() != null ? options.passwordCommand()
            : env.get("RESTIC_PASSWORD_COMMAND");
    if (file != null) {
      pw = firstLine(Files.readString(file, StandardCharsets.UTF_8));
    } else if (command != null) {
      pw = runPasswordCommand(command);
    }
    if (pw == null) {
      Console console = System.console();
      if (console == null) {
        throw new CairnException(
            "Resolving password failed: no password given (set RESTIC_PASSWORD, "
                + "--password-file or --password-command)");
      }
      char[] a = console.readPassword("enter password for repository: ");
      if (confirm) {
        char[] b = console.readPassword("enter password again: ");
        if (!new String(a).equals(new String(b))) {
          throw new CairnException("passwords do not match");
        }
      }
      pw = new String(a);
    }
    if (pw.isEmpty()) {
      throw new CairnException("an empty password is not allowed");
    }
    return pw;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String runPasswordCommand(String command) throws IOException {
    Process p = new ProcessBuilder("sh", "-c", command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new CairnException("password command \"" + command + "\" failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted running the password command");
    }
    return firstLine(out);
  }
}
