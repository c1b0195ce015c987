package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.mover.ResultSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code cairn mover} in this JVM with the environment Volsync's controller gives the mover
 * container (literal values as its {@code mover.go} sets them, the Secret's keys beside them),
 * and checks every result against {@code docs/mover-result.schema.json}.
 */
final class MoverHarness {
  /** What one mover run printed, returned and wrote as its termination message. */
  record Run(int exitCode, String stdout, String stderr, JsonNode result) {
    String outcome() {
      return result.path("outcome").asText();
    }

    JsonNode section(String name) {
      return result.path(name);
    }

    Run assertOutcome(String expected, int exit) {
      assertThat(outcome()).as("outcome of\n%s\n%s", stdout, stderr).isEqualTo(expected);
      assertThat(exitCode).as("exit code").isEqualTo(exit);
      return this;
    }
  }

  private final Map<String, String> env = new HashMap<>();
  private final Path termination;

  /**
   * Volsync's source-side environment for {@code data}, the repository and its password; the
   * cache and the termination message go into {@code work}.
   */
  MoverHarness(Path work, Path data, String repository, String password) {
    env.put("FORGET_OPTIONS", "--keep-last 1");
    env.put("DATA_DIR", data.toString());
    env.put("RESTIC_CACHE_DIR", work.resolve("cache").toString());
    env.put("RESTORE_AS_OF", "");
    env.put("SELECT_PREVIOUS", "0");
    env.put("RESTORE_OPTIONS", "");
    env.put("RESTIC_REPOSITORY", repository);
    env.put("RESTIC_PASSWORD", password);
    env.put("PRIVILEGED_MOVER", "0");
    env.put("CAIRN_MOVER_OPTIONS", "retry.max-time=5s");
    termination = work.resolve("termination-log");
    env.put("TERMINATION_MESSAGE_PATH", termination.toString());
  }

  MoverHarness env(String key, String value) {
    if (value == null) {
      env.remove(key);
    } else {
      env.put(key, value);
    }
    return this;
  }

  Map<String, String> environment() {
    return Map.copyOf(env);
  }

  /** Runs {@code cairn mover actions...}. */
  Run run(String... actions) {
    List<String> args = new ArrayList<>(List.of("mover"));
    args.addAll(List.of(actions));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      Files.deleteIfExists(termination);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int code = Main.run(args.toArray(String[]::new), env,
        new ByteArrayInputStream(new byte[0]), out, err);
    String stdout = out.toString(StandardCharsets.UTF_8);
    return new Run(code, stdout, err.toString(StandardCharsets.UTF_8), result(stdout));
  }

  /** The last line of stdout, equal to the termination message, checked against the schema. */
  private JsonNode result(String stdout) {
    String[] lines = stdout.strip().split("\n");
    String last = lines[lines.length - 1];
    try {
      assertThat(Files.readString(termination)).as("termination message").isEqualTo(last);
    } catch (IOException e) {
      throw new AssertionError("no termination message at " + termination, e);
    }
    assertThat(stdout).contains("=== Done ===");
    return ResultSchema.validate(last);
  }
}
