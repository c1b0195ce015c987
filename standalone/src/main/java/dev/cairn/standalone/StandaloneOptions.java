package dev.cairn.standalone;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * How {@code cairn standalone} runs.
 *
 * @param config the directory of the YAML files; its {@code .cairn/} holds the state
 * @param volumes the root of the volume directories ({@code <root>/<namespace>/<claim>})
 * @param metrics where to serve {@code /metrics}, or null for nowhere
 * @param snapshotCommand the shell command that makes a point-in-time copy of {@code $SOURCE}
 *     at {@code $TARGET} (copyMethod Snapshot and Clone), or null when none is configured
 */
public record StandaloneOptions(Path config, Path volumes, InetSocketAddress metrics,
    String snapshotCommand) {
  /** The directory of the state file, caches, mover logs and requests. */
  public Path stateDir() {
    return config.resolve(".cairn");
  }

  public Path stateFile() {
    return stateDir().resolve("state.json");
  }

  /** Where {@code cairn standalone sync} leaves requests for the running service. */
  public Path requests() {
    return stateDir().resolve("requests");
  }
}
