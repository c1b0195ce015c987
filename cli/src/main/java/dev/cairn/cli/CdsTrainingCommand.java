package dev.cairn.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn cds-training} (hidden): the workload {@code bin/cairn} runs once under
 * {@code -XX:ArchiveClassesAtExit} to build the class-data-sharing archive that later runs map
 * instead of loading and verifying the same classes again (about a third of a second per run).
 * It initialises a repository in a temporary directory, backs up a small generated tree twice
 * (new and unchanged files), lists, restores, forgets and prunes, and checks it with its data,
 * printing nothing; the directory is removed afterwards. Returns 0 when every step succeeded.
 *
 * <p>With {@code --store s3} the repository is on S3, served for the run by a {@link
 * TrainingS3Endpoint} on a loopback port, so that the archive also holds the S3 client's classes
 * (about 2,400). That archive is 20 MiB larger, and the JVM relocates an archive when it maps it,
 * which makes all of it resident: so {@code bin/cairn} keeps two archives and maps the S3 one
 * only for runs on an S3 repository.
 */
@Command(name = "cds-training", hidden = true, description = "Exercise the main code paths once")
final class CdsTrainingCommand implements Callable<Integer> {
  /** Which store the training runs on, and so which classes its archive holds. */
  enum Store { local, s3 }

  @Option(names = "--store", description = "local (default) or s3")
  Store store = Store.local;

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("cairn-cds-");
    try {
      Path src = dir.resolve("src");
      sampleTree(src);
      Map<String, String> env = new HashMap<>();
      env.put("RESTIC_PASSWORD", "cds-training");
      int failed;
      if (store == Store.s3) {
        env.put("AWS_ACCESS_KEY_ID", "cds-training");
        env.put("AWS_SECRET_ACCESS_KEY", "cds-training");
        try (TrainingS3Endpoint s3 = new TrainingS3Endpoint()) {
          failed = train("s3:" + s3.url() + "/" + TrainingS3Endpoint.BUCKET + "/repo", src, dir,
              env);
        }
      } else {
        failed = train(dir.resolve("repo").toString(), src, dir, env);
      }
      return failed == 0 ? ExitCodes.OK : ExitCodes.FATAL;
    } finally {
      deleteTree(dir);
    }
  }

  /** Runs every step on {@code repo}, with its cache and restore target under {@code work}. */
  private static int train(String repo, Path src, Path work, Map<String, String> env) {
    String[][] steps = {
      {"init"},
      {"backup", src.toString()},
      {"backup", src.toString()},
      {"backup", "--json", src.toString()},
      {"snapshots"},
      {"ls", "latest"},
      {"restore", "latest", "--target", work.resolve("restored").toString()},
      {"forget", "--keep-last", "1", "--prune"},
      {"check", "--read-data"},
    };
    int failed = 0;
    for (String[] step : steps) {
      String[] args = new String[step.length + 4];
      args[0] = "-r";
      args[1] = repo;
      args[2] = "--cache-dir";
      args[3] = work.resolve("cache").toString();
      System.arraycopy(step, 0, args, 4, step.length);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      if (Main.run(args, env, InputStream.nullInputStream(), sink, sink) != ExitCodes.OK) {
        failed++;
      }
    }
    return failed;
  }

  /** A few small text files, one compressible and one random file of a few MiB, a symlink. */
  private static void sampleTree(Path src) throws IOException {
    Random random = new Random(42);
    for (int d = 0; d < 4; d++) {
      Path sub = Files.createDirectories(src.resolve("dir" + d));
      for (int f = 0; f < 20; f++) {
        Files.writeString(sub.resolve("file" + f + ".txt"), "line " + d + "/" + f + "\n".repeat(f));
      }
    }
    byte[] noise = new byte[3 << 20];
    random.nextBytes(noise);
    Files.write(src.resolve("random.bin"), noise);
    Files.writeString(src.resolve("log.txt"), "2026-01-01 something happened\n".repeat(100_000));
    Files.createSymbolicLink(src.resolve("link"), Path.of("log.txt"));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    }
  }
}
