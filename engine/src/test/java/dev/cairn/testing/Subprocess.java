package dev.cairn.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command for the harness: stdin from {@code /dev/null}, stdout and stderr
 * drained concurrently (so a chatty process cannot block on a full pipe), and a timeout after
 * which the process and its descendants are killed.
 */
public final class Subprocess {
  private Subprocess() {}

  /**
   * Starts {@code builder} and waits at most {@code timeout}.
   *
   * @throws AssertionError when the command cannot be started or times out
   */
  public static ResticBinary.Result run(ProcessBuilder builder, Duration timeout) {
    List<String> command = List.copyOf(builder.command());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> out = drain(process.getInputStream());
    CompletableFuture<byte[]> err = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "timed out after " + timeout + " and killed: " + command + "\nstderr: " + text(err));
      }
      return new ResticBinary.Result(
          command,
          process.exitValue(),
          out.get(),
          new String(err.get(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } catch (ExecutionException e) {
      throw new AssertionError("reading output of " + command + " failed", e.getCause());
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (in) {
                result.complete(in.readAllBytes());
              } catch (IOException | UncheckedIOException e) {
                result.completeExceptionally(e);
              }
            },
            "subprocess-drain");
    t.setDaemon(true);
    t.start();
    return result;
  }

  private static String text(CompletableFuture<byte[]> f) {
    byte[] b = f.getNow(new byte[0]);
    return new String(b, StandardCharsets.UTF_8);
  }
}
