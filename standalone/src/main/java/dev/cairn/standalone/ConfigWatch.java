package dev.cairn.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Notices a change to the configuration: a YAML file added, removed, or written (its name,
 * size and modification time). Polled by each pass of the service, about once a second, which
 * also sees edits made through a rename, as editors and {@code kubectl}-style tools do.
 */
final class ConfigWatch {
  private final Path dir;
  private String last;

  ConfigWatch(Path dir) {
    this.dir = dir;
  }

  /** True at the first call and whenever the files changed since the last call. */
  boolean changed() {
    String now = fingerprint();
    boolean changed = !Objects.equals(now, last);
    last = now;
    return changed;
  }

  private String fingerprint() {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
          sb.append(n).append(' ').append(Files.size(p)).append(' ')
              .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
      }
    } catch (IOException e) {
      sb.append("unreadable: ").append(e.getMessage());
    }
    return sb.toString();
  }
}
