package dev.cairn.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A restic REST server for tests: {@code rclone serve restic --addr 127.0.0.1:PORT DIR} (Debian
 * package {@code rclone}) on a free port, started and stopped by the test. When rclone is missing
 * the test is skipped, or fails if env {@code CI} is {@code true}, like {@link ResticBinary}.
 */
public final class RcloneServer implements AutoCloseable {
  static final String MISSING_IN_CI =
      "rclone binary not found but CI=true: install the Debian package rclone";
  static final String MISSING_LOCALLY =
      "rclone binary not found on PATH or at /usr/bin/rclone: REST server test skipped";

  private static final long START_MILLIS = 15_000;

  private final Process process;
  private final int port;
  private final Path log;

  private RcloneServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The rclone binary on {@code PATH}, else {@code /usr/bin/rclone}, if executable. */
  public static Optional<Path> locate() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "rclone"))) {
        return Optional.of(Path.of(dir, "rclone"));
      }
    }
    Path fallback = Path.of("/usr/bin/rclone");
    return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
  }

  /**
   * Serves {@code dir} (repositories are its sub-directories) with extra rclone flags such as
   * {@code --user u --pass p}; returns once the server accepts connections.
   */
  public static RcloneServer start(Path dir, String... flags) throws IOException {
    Path rclone = require(locate(), System.getenv("CI"));
    Files.createDirectories(dir);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(rclone.toString(), "serve", "restic",
        "--addr", "127.0.0.1:" + port, "--config", "/dev/null"));
    command.addAll(Arrays.asList(flags));
    command.add(dir.toString());
    Path log = Files.createTempFile("rclone-serve-", ".log");
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    RcloneServer server = new RcloneServer(process, port, log);
    server.awaitListening();
    return server;
  }

  /**
   * The found binary; when there is none the calling test fails if {@code ciVariable} is {@code
   * true}, and is skipped (JUnit assumption) otherwise.
   */
  static Path require(Optional<Path> found, String ciVariable) {
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(ciVariable)) {
        fail(MISSING_IN_CI);
      }
      assumeTrue(false, MISSING_LOCALLY);
    }
    return found.get();
  }

  /** A port nobody listens on right now (another process could take it; unlikely in tests). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitListening() throws IOException {
    long deadline = System.currentTimeMillis() + START_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("rclone serve restic exited " + process.exitValue() + ":\n"
            + logText());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        sleep(50);
      }
    }
    close();
    throw new AssertionError("rclone serve restic did not listen on port " + port + ":\n"
        + logText());
  }

  /** The server's root URL, {@code http://127.0.0.1:PORT/}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** What rclone printed so far. */
  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server and removes its log. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for rclone", e);
    }
  }
}
