package dev.cairn.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code cairn} command lines in this JVM against a repository, for tests. */
final class Cli {
  /** What a command printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {
    Result assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("cairn exited " + exitCode + "\nstdout:\n" + stdout
            + "\nstderr:\n" + stderr);
      }
      return this;
    }
  }

  private final Map<String, String> env = new HashMap<>();

  /**
   * Runs against {@code repo}; the cache goes next to it ({@code <repo>.cache}), not to the
   * user's home (override with {@code env("RESTIC_CACHE_DIR", …)}).
   */
  Cli(Path repo, String password) {
    env.put("RESTIC_REPOSITORY", repo.toString());
    env.put("RESTIC_PASSWORD", password);
    env.put("RESTIC_CACHE_DIR", repo.resolveSibling(repo.getFileName() + ".cache").toString());
  }

  Cli env(String key, String value) {
    env.put(key, value);
    return this;
  }

  Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  /** The raw stdout of a command that must succeed ({@link Result} decodes it as UTF-8). */
  byte[] stdoutBytes(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, env, new java.io.ByteArrayInputStream(new byte[0]), out, err);
    if (code != 0) {
      throw new AssertionError("cairn " + String.join(" ", args) + " exited " + code + "\nstderr:\n"
          + err.toString(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  Result runWithInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, env, new java.io.ByteArrayInputStream(stdin), out, err);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
