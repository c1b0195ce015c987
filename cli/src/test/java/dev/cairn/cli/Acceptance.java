package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.ResticBinary;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Shared pieces of the bad-input and failure acceptance tests. */
final class Acceptance {
  static final String PASSWORD = "acceptance-pw";

  private Acceptance() {}

  /** Writes {@code size} pseudo-random bytes from {@code rnd} to {@code file}. */
  static void writeRandom(Path file, int size, Random rnd) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] b = new byte[size];
    rnd.nextBytes(b);
    Files.write(file, b);
  }

  /** SHA-256 of every regular file under {@code root}, by path relative to it. */
  static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          out.put(root.relativize(p).toString(), sha256(p));
        }
      }
    }
    return out;
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where restore puts the absolute source directory {@code src} below {@code target}. */
  static Path restoredRoot(Path target, Path src) {
    return target.resolve(src.toAbsolutePath().toString().substring(1));
  }

  /** Files (not directories) under {@code dir} whose names contain {@code -tmp-}. */
  static List<Path> tempFiles(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().contains("-tmp-"))
          .forEach(out::add);
    }
    return out;
  }

  /** Files in {@code repo/locks}. */
  static List<Path> lockFiles(Path repo) throws IOException {
    try (Stream<Path> s = Files.list(repo.resolve("locks"))) {
      return s.toList();
    }
  }

  /**
   * A {@code cairn} command line in a JVM of its own (so it can be killed or run as another
   * user), with the test's class path.
   */
  static ProcessBuilder cairnProcess(Path repo, String classPath, Path log, String... args) {
    return cairnProcess(List.of(), repo, classPath, log, args);
  }

  /**
   * As above, the command line prefixed by {@code prefix} (e.g. {@code setpriv ...}); stdout goes
   * to {@code log}, stderr to {@code log} with {@code .err} appended.
   */
  static ProcessBuilder cairnProcess(
      List<String> prefix, Path repo, String classPath, Path log, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-XX:-UsePerfData");
    cmd.add("--add-opens");
    cmd.add("java.base/sun.nio.fs=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_") || k.startsWith("CAIRN_"));
    pb.environment().put("RESTIC_REPOSITORY", repo.toString());
    pb.environment().put("RESTIC_PASSWORD", PASSWORD);
    pb.environment().put("RESTIC_CACHE_DIR",
        repo.resolveSibling(repo.getFileName() + ".cache").toString());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(log.toFile());
    pb.redirectError(errLog(log).toFile());
    return pb;
  }

  static Path errLog(Path log) {
    return log.resolveSibling(log.getFileName() + ".err");
  }

  /** The test's own class path. */
  static String classPath() {
    return System.getProperty("java.class.path");
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts two content maps are equal, listing what differs. */
  static void assertSameContents(Map<String, String> expected, Map<String, String> actual) {
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  /** Runs {@code cmd}, failing with its output unless it exits 0 within a minute. */
  static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(cmd + " failed: " + out);
    }
  }

  /** {@code restic backup --stdin} reading from a pipe: it holds its lock until stdin closes. */
  static Process resticHoldingLock(ResticBinary restic, Path repo, String password)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(restic.executable().toString(), "--no-cache",
        "backup", "--stdin", "--stdin-filename", "held.txt");
    pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_"));
    pb.environment().put("RESTIC_REPOSITORY", repo.toString());
    pb.environment().put("RESTIC_PASSWORD", password);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lockFiles(repo).isEmpty()) {
      assertThat(p.isAlive()).as("restic backup is running").isTrue();
      assertThat(System.nanoTime()).as("restic takes its lock").isLessThan(deadline);
      Thread.sleep(20);
    }
    return p;
  }
}
