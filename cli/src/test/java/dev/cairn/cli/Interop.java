package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.ResticBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Helpers shared by the restic interoperability acceptance tests. */
final class Interop {
  static final String PASSWORD = "interop acceptance";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Interop() {}

  /** Where restic and cairn restore an absolute backed-up {@code source} below {@code target}. */
  static Path restored(Path target, Path source) {
    return target.resolve(source.toAbsolutePath().toString().substring(1));
  }

  /** The {@code summary} message among the JSON lines of a {@code backup --json} run. */
  static JsonNode summary(String jsonLines) {
    for (String line : jsonLines.split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if ("summary".equals(node.path("message_type").asText())) {
          return node;
        }
      } catch (IOException e) {
        throw new AssertionError("bad JSON line: " + line, e);
      }
    }
    throw new AssertionError("no summary message in:\n" + jsonLines);
  }

  /** {@code cairn backup --json extra... path}: the summary message. */
  static JsonNode cairnBackup(Cli cli, Path path, String... extra) {
    List<String> args = new ArrayList<>(List.of("backup", "--json"));
    args.addAll(List.of(extra));
    args.add(path.toString());
    return summary(cli.run(args.toArray(String[]::new)).assertOk().stdout());
  }

  /** {@code restic backup --json path}: the summary message. */
  static JsonNode resticBackup(ResticBinary restic, Path repo, Path path, String... extra) {
    List<String> args = new ArrayList<>(List.of("backup", "--json"));
    args.addAll(List.of(extra));
    args.add(path.toString());
    return summary(restic.run(repo, PASSWORD, args.toArray(String[]::new)).assertOk()
        .stdoutText());
  }

  /**
   * A fresh directory out of {@code /tmp} (where every other process and test creates files,
   * changing its mtime, which the snapshot of any path below it records): in this module's build
   * directory ({@code target/}, surefire's working directory is the module), as {@code
   * target/accept-scratch/<uuid>/}; creating it changes the mtimes of {@code accept-scratch}
   * (and, the first time, of {@code target}) before any backup of the test. The directories
   * above the checkout (e.g. {@code /tmp} for a clone there) may still change during a test:
   * compare snapshots with {@link SnapshotPath}.
   */
  static Path stableScratchDir() throws IOException {
    Path base = Path.of("target", "accept-scratch").toAbsolutePath();
    Files.createDirectories(base);
    return Files.createDirectory(base.resolve(UUID.randomUUID().toString()));
  }

  /** Deletes {@code dir} recursively (symlinks are not followed). */
  static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // names may not be valid UTF-8 (Java cannot name them): let rm do it
    try {
      Process p = new ProcessBuilder("rm", "-rf", "--", dir.toString()).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException("rm -rf " + dir + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
