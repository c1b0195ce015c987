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

/**
 * {@code cairn cds-training} (hidden): the workload {@code bin/cairn} runs once under
 * {@code -XX:ArchiveClassesAtExit} to build the class-data-sharing archive that later runs map
 * instead of loading and verifying the same classes again (about a third of a second per run).
 * It initialises a repository in a temporary directory, backs up a small generated tree twice
 * (new and unchanged files), lists, restores and checks it, printing nothing; the directory is
 * removed afterwards. Returns 0 when every step succeeded.
 */
@Command(name = "cds-training", hidden = true, description = "Exercise the main code paths once")
final class CdsTrainingCommand implements Callable<Integer> {
  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("cairn-cds-");
    try {
      Path src = dir.resolve("src");
      sampleTree(src);
      String repo = dir.resolve("repo").toString();
      String cache = dir.resolve("cache").toString();
      Map<String, String> env = new HashMap<>();
      env.put("RESTIC_PASSWORD", "cds-training");
      int failed = 0;
      String[][] steps = {
        {"init"},
        {"backup", src.toString()},
        {"backup", src.toString()},
        {"backup", "--json", src.toString()},
        {"snapshots"},
        {"ls", "latest"},
        {"restore", "latest", "--target", dir.resolve("restored").toString()},
        {"check"},
      };
      for (String[] step : steps) {
        String[] args = new String[step.length + 4];
        args[0] = "-r";
        args[1] = repo;
        args[2] = "--cache-dir";
        args[3] = cache;
        System.arraycopy(step, 0, args, 4, step.length);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        if (Main.run(args, env, InputStream.nullInputStream(), sink, sink) != ExitCodes.OK) {
          failed++;
        }
      }
      return failed == 0 ? ExitCodes.OK : ExitCodes.FATAL;
    } finally {
      deleteTree(dir);
    }
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
