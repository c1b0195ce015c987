package dev.cairn.backend;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP proxies of the environment, as Go's {@code net/http} (and so restic) reads them:
 * {@code HTTP_PROXY} for {@code http} URLs, {@code HTTPS_PROXY} for {@code https} ones (upper
 * case first, then lower case), and {@code NO_PROXY}, a comma-separated list of host names,
 * domain suffixes ({@code .svc} or {@code svc}: the domain and its subdomains), IP addresses
 * and {@code *} (no proxy at all) that go direct.
 *
 * @param http proxy for {@code http} URLs, or null
 * @param https proxy for {@code https} URLs, or null
 * @param noProxy the {@code NO_PROXY} entries, lower case, ports removed
 */
public record HttpProxies(URI http, URI https, List<String> noProxy) {
  /** No proxy at all. */
  public static final HttpProxies NONE = new HttpProxies(null, null, List.of());

  public HttpProxies {
    noProxy = List.copyOf(noProxy);
  }

  /**
   * The proxies of {@code env}.
   *
   * @throws IllegalArgumentException naming the variable when a proxy URL is not one
   */
  public static HttpProxies fromEnvironment(Map<String, String> env) {
    List<String> no = new ArrayList<>();
    String list = first(env, "NO_PROXY", "no_proxy");
    if (list != null) {
      for (String entry : list.split(",")) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        int colon = e.lastIndexOf(':');
        if (colon > 0 && e.indexOf(':') == colon) {
          e = e.substring(0, colon); // host:port, not an IPv6 address
        }
        if (!e.isEmpty()) {
          no.add(e);
        }
      }
    }
    return new HttpProxies(proxy(env, "HTTP_PROXY", "http_proxy"),
        proxy(env, "HTTPS_PROXY", "https_proxy"), no);
  }

  private static String first(Map<String, String> env, String upper, String lower) {
    String v = env.get(upper);
    if (v == null || v.isBlank()) {
      v = env.get(lower);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static URI proxy(Map<String, String> env, String upper, String lower) {
    String v = first(env, upper, lower);
    if (v == null) {
      return null;
    }
    try {
      URI uri = URI.create(v.contains("://") ? v : "http://" + v);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid proxy URL in " + upper + ": \"" + v + "\"");
    }
  }

  /** The proxy to reach {@code target} through, or empty to go direct. */
  public Optional<URI> forTarget(URI target) {
    URI proxy = "https".equalsIgnoreCase(target.getScheme()) ? https : http;
    if (proxy == null || bypassed(target.getHost())) {
      return Optional.empty();
    }
    return Optional.of(proxy);
  }

  private boolean bypassed(String host) {
    if (host == null) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    for (String e : noProxy) {
      if (e.equals("*") || h.equals(e)) {
        return true;
      }
      String suffix = e.startsWith(".") ? e : "." + e;
      if (h.endsWith(suffix) || h.equals(suffix.substring(1))) {
        return true;
      }
    }
    return false;
  }

  /** A selector for the JDK's HTTP client following these proxies. */
  public ProxySelector selector() {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return forTarget(uri)
            .map(p -> List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(
                p.getHost(), p.getPort() > 0 ? p.getPort() : 80))))
            .orElse(List.of(Proxy.NO_PROXY));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // the request fails and is retried by RetryingBackend
      }
    };
  }
}
