package dev.cairn.cli;

import dev.cairn.backend.Backend;
import dev.cairn.backend.local.LocalBackend;
import dev.cairn.backend.rest.RestBackend;
import dev.cairn.backend.rest.RestLocation;
import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a restic repository string into a store: {@code /path}, {@code local:/path} or {@code
 * rest:http(s)://[user:pass@]host[:port]/path/} (later: {@code s3:…}). The one place where a
 * scheme is mapped to its backend.
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
      case "rest" -> rest(location, options, env);
      default -> throw new CairnException("invalid repository location \"" + location
          + "\": unknown backend type \"" + scheme + "\"");
    };
  }

  /**
   * A REST store; {@code -o rest.connections=N} or {@code -o connections=N} (restic's names) set
   * the number of connections, 5 by default. Messages never show the URL's password.
   */
  private static Backend rest(String location, ExtendedOptions options,
      Map<String, String> env) {
    RestLocation where;
    try {
      where = RestLocation.parse(location, env);
    } catch (IllegalArgumentException e) {
      throw new CairnException("invalid repository location: " + e.getMessage());
    }
    String n = options.get("rest.connections",
        options.get("connections", String.valueOf(RestBackend.DEFAULT_CONNECTIONS)));
    int connections;
    try {
      connections = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      connections = 0;
    }
    if (connections < 1) {
      throw new CairnException("invalid option connections=\"" + n + "\": want a number >= 1");
    }
    return new RestBackend(where, connections, RestBackend.DEFAULT_CONNECT_TIMEOUT,
        RestBackend.DEFAULT_REQUEST_TIMEOUT);
  }
}
