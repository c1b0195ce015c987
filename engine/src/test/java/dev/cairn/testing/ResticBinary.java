package dev.cairn.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@code restic} binary (Debian's restic 0.14 in CI), for interoperability tests.
 *
 * <p>Every run gets a clean environment as far as restic is concerned: inherited {@code RESTIC_*}
 * variables are removed, {@code RESTIC_REPOSITORY} and {@code RESTIC_PASSWORD} are set from the
 * arguments, and {@code --no-cache} is passed so no cache directory is written outside the test.
 * stdin is {@code /dev/null}, so restic never waits for a password prompt.
 */
public final class ResticBinary {
  /** How long one restic run may take before it is killed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  static final String MISSING_IN_CI =
      "restic binary not found but CI=true: install the Debian package restic";
  static final String MISSING_LOCALLY =
      "restic binary not found on PATH or at /usr/bin/restic: interoperability test skipped";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path executable;
  private final Duration timeout;

  private ResticBinary(Path executable, Duration timeout) {
    this.executable = executable;
    this.timeout = timeout;
  }

  /** The restic binary on {@code PATH}, else {@code /usr/bin/restic}, if executable. */
  public static Optional<Path> locate() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "restic"))) {
        return Optional.of(Path.of(dir, "restic"));
      }
    }
    Path fallback = Path.of("/usr/bin/restic");
    return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
  }

  /**
   * The restic binary; when it is missing the calling test fails if env {@code CI} is {@code
   * true}, and is skipped (JUnit assumption) otherwise.
   */
  public static ResticBinary require() {
    return require(locate(), System.getenv("CI"));
  }

  static ResticBinary require(Optional<Path> found, String ciVariable) {
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(ciVariable)) {
        fail(MISSING_IN_CI);
      }
      assumeTrue(false, MISSING_LOCALLY);
    }
    return new ResticBinary(found.get(), DEFAULT_TIMEOUT);
  }

  /** A copy of this binary whose runs are killed after {@code newTimeout}. */
  public ResticBinary withTimeout(Duration newTimeout) {
    return new ResticBinary(executable, newTimeout);
  }

  /** The path of the binary. */
  public Path executable() {
    return executable;
  }

  /** Runs {@code restic args...} against {@code repo} (may be null) with {@code password}. */
  public Result run(Path repo, String password, String... args) {
    return run(repo, password, Map.of(), null, args);
  }

  /**
   * Runs {@code restic args...} with extra environment variables (applied last, so they may
   * override anything, e.g. {@code RESTIC_CACHE_DIR}) in working directory {@code workDir} (null
   * for the current one).
   */
  public Result run(
      Path repo, String password, Map<String, String> extraEnv, Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("--no-cache");
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("RESTIC_"));
    if (repo != null) {
      env.put("RESTIC_REPOSITORY", repo.toString());
    }
    if (password != null) {
      env.put("RESTIC_PASSWORD", password);
    }
    // restic spools packs in $TMPDIR; keep that out of /tmp, whose mtime the snapshot of any
    // path below it records (tests that compare snapshots count the trees of changed ancestors)
    Path spool = Path.of("target", "restic-tmp").toAbsolutePath();
    try {
      Files.createDirectories(spool);
      env.put("TMPDIR", spool.toString());
    } catch (IOException e) {
      // keep the inherited TMPDIR
    }
    env.putAll(extraEnv);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    return Subprocess.run(builder, timeout);
  }

  /** {@code restic init --repository-version 2}; fails the test on a non-zero exit. */
  public Result init(Path repo, String password) {
    return run(repo, password, "init", "--repository-version", "2").assertOk();
  }

  /**
   * {@code restic backup --json dir extra...}; returns the new snapshot's full 64-digit id: the
   * {@code snapshot_id} of the {@code summary} message (short in restic 0.14), expanded via {@code
   * restic snapshots --json}.
   */
  public String backup(Path repo, String password, Path dir, String... extra) {
    List<String> args = new ArrayList<>(List.of("backup", "--json"));
    args.addAll(Arrays.asList(extra));
    args.add(dir.toString());
    Result result = run(repo, password, args.toArray(String[]::new)).assertOk();
    for (String line : result.stdoutText().split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if ("summary".equals(node.path("message_type").asText())
            && node.hasNonNull("snapshot_id")) {
          return fullId(repo, password, node.get("snapshot_id").asText());
        }
      } catch (IOException e) {
        throw new AssertionError("bad JSON from restic backup: " + line, e);
      }
    }
    throw new AssertionError("no summary with snapshot_id in restic backup output:\n" + result);
  }

  /** restic 0.14 reports a short id in the backup summary; {@code restic snapshots} has it all. */
  private String fullId(Path repo, String password, String shortId) {
    Result listing = run(repo, password, "snapshots", "--json", shortId).assertOk();
    try {
      for (JsonNode snapshot : JSON.readTree(listing.stdout())) {
        String id = snapshot.path("id").asText();
        if (id.startsWith(shortId)) {
          return id;
        }
      }
    } catch (IOException e) {
      throw new AssertionError("bad JSON from restic snapshots: " + listing.stdoutText(), e);
    }
    throw new AssertionError("snapshot " + shortId + " not listed by restic snapshots");
  }

  /** {@code restic restore snapshot --target target}; fails the test on a non-zero exit. */
  public Result restore(Path repo, String password, String snapshot, Path target) {
    return run(repo, password, "restore", snapshot, "--target", target.toString()).assertOk();
  }

  /** {@code restic check}, with {@code --read-data} if asked; not asserted, so errors show. */
  public Result check(Path repo, String password, boolean readData) {
    return readData
        ? run(repo, password, "check", "--read-data")
        : run(repo, password, "check");
  }

  /** The first line of {@code restic version}, e.g. {@code restic 0.14.0 compiled with ...}. */
  public String version() {
    return run(null, null, "version").assertOk().stdoutText().strip().split("\n")[0];
  }

  /**
   * The outcome of one external command run by the harness.
   *
   * @param command the command line
   * @param exitCode the process exit code
   * @param stdout raw standard output
   * @param stderr standard error decoded as UTF-8
   */
  public record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {
    /** Standard output decoded as UTF-8. */
    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Returns this result if the exit code is 0, else throws an AssertionError describing it. */
    public Result assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("command failed: " + this);
      }
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", command) + "\nexit code: " + exitCode + "\nstderr:\n" + stderr;
    }
  }
}
