package dev.cairn.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code cairn standalone sync NAME} talking to the running service: one file per request in
 * {@code DIR/.cairn/requests/}, named by the resource, taken (read and deleted) by the
 * service's next pass, which starts that resource's run at once.
 */
public final class SyncRequests {
  private final Path dir;

  public SyncRequests(Path dir) {
    this.dir = dir;
  }

  /** Asks for a run of {@code key}. */
  public void ask(ResourceKey key) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".request", ".tmp");
      Files.move(tmp, dir.resolve(key.id().replace('/', '~')),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot leave a sync request in " + dir, e);
    }
  }

  /** The requests waiting, removed. */
  Set<ResourceKey> take() {
    Set<ResourceKey> out = new LinkedHashSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        ResourceKey k = ResourceKey.parse(p.getFileName().toString().replace('~', '/'));
        if (k != null) {
          out.add(k);
        }
        if (!p.getFileName().toString().startsWith(".request")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // the next pass looks again
    }
    return out;
  }
}
