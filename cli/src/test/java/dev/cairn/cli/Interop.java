package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.ResticBinary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** Snapshot id (full) to root tree id, as {@code restic snapshots --json} lists them. */
  static Map<String, String> resticSnapshotTrees(ResticBinary restic, Path repo) {
    String out = restic.run(repo, PASSWORD, "snapshots", "--json").assertOk().stdoutText();
    Map<String, String> trees = new LinkedHashMap<>();
    try {
      for (JsonNode s : JSON.readTree(out)) {
        trees.put(s.get("id").asText(), s.get("tree").asText());
      }
    } catch (IOException e) {
      throw new AssertionError("bad JSON from restic snapshots: " + out, e);
    }
    return trees;
  }

  /** The root tree of the snapshot whose id starts with {@code prefix}. */
  static String treeOf(Map<String, String> trees, String prefix) {
    return trees.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("snapshot " + prefix + " not in " + trees));
  }

  /** Raw stdout bytes of {@code cairn args...} (Cli decodes stdout as UTF-8). */
  static byte[] cairnRaw(Path repo, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, Map.of("RESTIC_REPOSITORY", repo.toString(),
        "RESTIC_PASSWORD", PASSWORD,
        "RESTIC_CACHE_DIR", repo.resolveSibling(repo.getFileName() + ".cache").toString()),
        out, err);
    assertThat(code).withFailMessage(() -> "cairn " + String.join(" ", args) + " exited " + code
        + ": " + err).isZero();
    return out.toByteArray();
  }

  /**
   * A fresh directory whose ancestors nobody else touches while a test runs, unlike {@code /tmp}
   * (where every other process and test creates files, changing its mtime, which is part of the
   * root tree of any snapshot of a path below it). It lives in this module's build directory
   * ({@code target/}, surefire's working directory is the module); the layout is
   * {@code target/accept-scratch/<uuid>/}: creating it changes the mtimes of {@code
   * accept-scratch} (and, the first time, of {@code target}) before any backup of the test.
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

  /**
   * mtime and ctime of every directory from {@code path}'s parent up to the file system root: a
   * fingerprint of the ancestors' metadata that a snapshot of {@code path} records.
   */
  static List<String> ancestorStamps(Path path) {
    List<String> stamps = new ArrayList<>();
    for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      try {
        PosixFileAttributes a =
            Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object ctime = Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        stamps.add(p + " " + a.lastModifiedTime() + " " + ctime);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return stamps;
  }
}
