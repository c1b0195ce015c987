package dev.cairn.cli.repo;

import dev.cairn.backend.Backend;
import dev.cairn.backend.HttpProxies;
import dev.cairn.backend.local.LocalBackend;
import dev.cairn.backend.rest.RestBackend;
import dev.cairn.backend.rest.RestLocation;
import dev.cairn.backend.s3.S3Backend;
import dev.cairn.backend.s3.S3Config;
import dev.cairn.backend.s3.S3Location;
import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a restic repository string into a store: {@code /path}, {@code local:/path}, {@code
 * rest:http(s)://[user:pass@]host[:port]/path/} or {@code s3:…}. The one place where a scheme is
 * mapped to its backend.
 */
final class BackendFactory {
  private BackendFactory() {}

  /** TLS settings for remote stores: {@code --cacert} files and {@code --insecure-tls}. */
  record Tls(List<Path> caCerts, boolean insecure) {
    static final Tls DEFAULT = new Tls(List.of(), false);

    /** The command line's files, else those of {@code RESTIC_CACERT} (comma separated). */
    static Tls of(List<Path> caCerts, boolean insecure, Map<String, String> env) {
      List<Path> files = new ArrayList<>(caCerts);
      String fromEnv = env.get("RESTIC_CACERT");
      if (files.isEmpty() && fromEnv != null) {
        for (String f : fromEnv.split(",")) {
          if (!f.isBlank()) {
            files.add(Path.of(f.trim()));
          }
        }
      }
      return new Tls(List.copyOf(files), insecure);
    }
  }

  static Backend open(String location, ExtendedOptions options, Map<String, String> env)
      throws IOException {
    return open(location, options, env, Tls.DEFAULT);
  }

  /**
   * The store for {@code location}; credentials and settings come from {@code env} (the
   * process environment, injectable) and the {@code -o} options.
   */
  static Backend open(String location, ExtendedOptions options, Map<String, String> env,
      Tls tls) throws IOException {
    int colon = location.indexOf(':');
    String scheme = colon > 0 && !location.startsWith("/") ? location.substring(0, colon) : "";
    return switch (scheme) {
      case "", "local" -> new LocalBackend(Path.of(scheme.isEmpty() ? location
          : location.substring(colon + 1)));
      case "rest" -> rest(location, options, env);
      case "s3" -> s3(location, options, env, tls);
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
    HttpProxies proxies;
    try {
      proxies = HttpProxies.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new CairnException(e.getMessage());
    }
    return new RestBackend(where, connections, RestBackend.DEFAULT_CONNECT_TIMEOUT,
        RestBackend.DEFAULT_REQUEST_TIMEOUT, proxies);
  }

  private static Backend s3(String location, ExtendedOptions options, Map<String, String> env,
      Tls tls) throws IOException {
    S3Config config;
    try {
      Map<String, String> s3Options = new LinkedHashMap<>();
      options.withPrefix("s3.").forEach((k, v) -> s3Options.put("s3." + k, v));
      String connections = options.get("connections", null);
      if (connections != null) {
        s3Options.put("connections", connections);
      }
      config = S3Config.of(S3Location.parse(location), env, s3Options)
          .withTls(tls.caCerts(), tls.insecure());
    } catch (IllegalArgumentException e) {
      throw new CairnException(e.getMessage());
    }
    return new S3Backend(config);
  }
}
