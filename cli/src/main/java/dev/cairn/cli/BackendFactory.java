package dev.cairn.cli;

import dev.cairn.backend.Backend;
import dev.cairn.backend.local.LocalBackend;
import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a restic repository string into a store: {@code /path} or {@code local:/path} (later:
 * {@code s3:…}, {@code rest:…}). The one place where a scheme is mapped to its backend.
 */
final class BackendFactory {
  private BackendFactory() {}

  static Backend open(String location, ExtendedOptions options, Map<String, String> env)
      throws IOException {
    int colon = location.indexOf(':');
    String scheme = colon > 0 && !location.startsWith("/") ? location.substring(0, colon) : "";
    return switch (scheme) {
      case "", "local" -> new LocalBackend(Path.of(scheme.isEmpty() ? location
          : location.substring(colon + 1)));
      default -> throw new CairnException("invalid repository location \"" + location
          + "\": unknown backend type \"" + scheme + "\"");
    };
  }
}
