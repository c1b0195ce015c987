package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.backend.s3.S3Backend;
import dev.cairn.backend.s3.S3Config;
import dev.cairn.backend.s3.S3Location;
import dev.cairn.core.FileType;
import dev.cairn.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/** Shared pieces of the S3 ("Object storage") acceptance tests. */
final class S3Accept {
  private S3Accept() {}

  /** A Cairn command line against {@code repository} with the server's credentials. */
  static Cli cairn(Path tmp, S3ProxyServer server, String repository) {
    Cli cli = new Cli(tmp.resolve("repo-" + Math.abs(repository.hashCode())), Interop.PASSWORD)
        .env("RESTIC_REPOSITORY", repository);
    server.env().forEach(cli::env);
    return cli;
  }

  /**
   * Every object of the repository at {@code repository}, listed directly (no retries, no
   * proxy), as "type/name" to size.
   */
  static Map<String, Long> objects(S3ProxyServer server, String repository) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (S3Backend b = new S3Backend(
        S3Config.of(S3Location.parse(repository), server.env(), Map.of()))) {
      for (FileType t : FileType.values()) {
        if (t == FileType.CONFIG) {
          try {
            out.put("config", b.stat(dev.cairn.backend.Handle.CONFIG));
          } catch (java.nio.file.NoSuchFileException e) {
            // none
          }
          continue;
        }
        b.list(t, fi -> out.put(t.dir() + "/" + fi.name(), fi.size()));
      }
    }
    return out;
  }

  /** Names of the objects of kind {@code type}. */
  static TreeSet<String> names(S3ProxyServer server, String repository, FileType type)
      throws IOException {
    TreeSet<String> out = new TreeSet<>();
    try (S3Backend b = new S3Backend(
        S3Config.of(S3Location.parse(repository), server.env(), Map.of()))) {
      b.list(type, fi -> out.add(fi.name()));
    }
    return out;
  }

  /**
   * A tree of a few MiB: {@code big} files of 1 to 3 MiB of random data and {@code small} small
   * ones, from a fixed seed.
   */
  static Path tree(Path dir, long seed, int big, int small) throws IOException {
    Random rnd = new Random(seed);
    for (int i = 0; i < big; i++) {
      Acceptance.writeRandom(dir.resolve("big/file-" + i + ".bin"),
          (1 << 20) + rnd.nextInt(2 << 20), rnd);
    }
    for (int i = 0; i < small; i++) {
      Acceptance.writeRandom(dir.resolve("small/d" + (i % 4) + "/f-" + i + ".txt"),
          1 + rnd.nextInt(8000), rnd);
    }
    return dir;
  }

  /** Exactly one line of {@code stderr} starts with "Fatal:", and there is no stack trace. */
  static String oneFatalLine(String stderr) {
    assertThat(stderr.lines().filter(l -> l.startsWith("Fatal:")))
        .as("stderr:\n%s", stderr).hasSize(1);
    assertThat(stderr).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    return stderr.lines().filter(l -> l.startsWith("Fatal:")).findFirst().orElseThrow();
  }
}
