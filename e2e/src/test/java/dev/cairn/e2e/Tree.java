package dev.cairn.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Copies a directory tree with {@code cp -a} (owners, modes, times, links and xattrs kept). */
final class Tree {
  private Tree() {}

  /** Copies the contents of {@code from} into {@code to} (created). */
  static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to);
      if (!Files.isDirectory(from)) {
        return;
      }
      Process p = new ProcessBuilder(List.of("cp", "-a", from + "/.", to.toString()))
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("cp -a " + from + " " + to + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
