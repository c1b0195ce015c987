package dev.cairn.backend.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Where a REST repository is: {@code rest:http://user:pass@host:port/path/} or {@code
 * rest:https://…}, as restic writes it.
 *
 * <p>The base URL always ends with {@code /} (added when missing) and carries no credentials.
 * Credentials come from the URL's user info (percent-decoded) or, when the URL has none, from
 * {@code RESTIC_REST_USERNAME} and {@code RESTIC_REST_PASSWORD}, as in restic. Neither {@link
 * #location()}, {@link #toString()} nor any error message shows the password.
 */
public final class RestLocation {
  /** The prefix of a REST repository string. */
  public static final String PREFIX = "rest:";

  private final URI base;
  private final String username;
  private final String password;

  private RestLocation(URI base, String username, String password) {
    this.base = base;
    this.username = username;
    this.password = password;
  }

  /**
   * Parses a repository string, with or without the {@code rest:} prefix.
   *
   * @param env the environment, for {@code RESTIC_REST_USERNAME} and {@code RESTIC_REST_PASSWORD}
   * @throws IllegalArgumentException when it is not an http or https URL with a host, or has a
   *     query or fragment; the message never contains the password
   */
  public static RestLocation parse(String location, Map<String, String> env) {
    String url = location.startsWith(PREFIX) ? location.substring(PREFIX.length()) : location;
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid REST URL: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("REST URL must start with http:// or https://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("REST URL has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("REST URL must not have a query or fragment");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path += "/";
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    URI base = URI.create(scheme.toLowerCase() + "://" + uri.getHost() + port + path);

    String user = null;
    String pass = null;
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      pass = colon < 0 ? "" : decode(info.substring(colon + 1));
    }
    if (user == null || user.isEmpty()) {
      String envUser = env.get("RESTIC_REST_USERNAME");
      if (envUser != null && !envUser.isEmpty()) {
        user = envUser;
        pass = env.getOrDefault("RESTIC_REST_PASSWORD", "");
      } else {
        user = null;
        pass = null;
      }
    }
    return new RestLocation(base, user, pass);
  }

  private static String decode(String raw) {
    // URLDecoder is for forms: keep '+' literal, as in URL user info
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The base URL, ending with {@code /}, without credentials. */
  public URI base() {
    return base;
  }

  /** The user name, if any. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The {@code Authorization} header value for HTTP Basic auth, when there is a user. */
  public Optional<String> authorization() {
    if (username == null) {
      return Optional.empty();
    }
    String pair = username + ":" + password;
    return Optional.of("Basic "
        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** The repository string for messages: {@code rest:} and the base URL, no credentials. */
  public String location() {
    return PREFIX + base;
  }

  @Override
  public String toString() {
    return location();
  }
}
