package dev.cairn.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Copies a directory tree with {@code cp -a} (owners, modes, times, links and xattrs kept), and
 * reads one back as what a test compares: each file's relative path and contents.
 */
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

  /**
   * Every entry under {@code dir} by relative path: a file's bytes as text (one character per
   * byte), {@code <dir>} for a directory; empty when {@code dir} does not exist.
   */
  static Map<String, String> contents(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(p -> !p.equals(dir)).toList()) {
        out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
            : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
