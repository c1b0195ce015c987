package dev.cairn.backend.s3;

import dev.cairn.backend.HttpProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link S3Backend} needs: where, as whom, and how.
 *
 * @param location the bucket and prefix
 * @param accessKeyId from {@code AWS_ACCESS_KEY_ID}; null to use the SDK's default credential
 *     chain (profiles, web identity, instance roles, the process environment)
 * @param secretAccessKey from {@code AWS_SECRET_ACCESS_KEY}
 * @param sessionToken from {@code AWS_SESSION_TOKEN}, or null
 * @param region {@code -o s3.region}, else {@code AWS_DEFAULT_REGION}, else {@code AWS_REGION},
 *     else {@code us-east-1} (right for S3-compatible servers; Amazon S3 then finds the bucket's
 *     region by itself)
 * @param pathStyle {@code -o s3.bucket-lookup}: {@code path} (true), {@code dns} (false) or
 *     {@code auto} (the default: path style for every endpoint but Amazon S3's, as restic does)
 * @param storageClass {@code -o s3.storage-class} for every object, or null for the bucket's
 *     default
 * @param connections {@code -o s3.connections} (or {@code connections}), restic's default 5
 * @param caCerts PEM files ({@code --cacert}, {@code RESTIC_CACERT}) trusted besides the JDK's
 *     certificate authorities
 * @param insecureTls {@code --insecure-tls}: accept any server certificate and host name
 * @param connectTimeout how long to wait for a TCP connection (10 s)
 * @param readTimeout how long to wait for data on a connection (60 s)
 * @param proxies {@code HTTP_PROXY}, {@code HTTPS_PROXY} and {@code NO_PROXY}
 */
public record S3Config(
    S3Location location,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    String region,
    boolean pathStyle,
    String storageClass,
    int connections,
    List<Path> caCerts,
    boolean insecureTls,
    Duration connectTimeout,
    Duration readTimeout,
    HttpProxies proxies) {
  /** restic's default number of connections for remote stores. */
  public static final int DEFAULT_CONNECTIONS = 5;

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  public S3Config {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(region, "region");
    caCerts = List.copyOf(caCerts);
    proxies = Objects.requireNonNullElse(proxies, HttpProxies.NONE);
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, not " + connections);
    }
    if (storageClass != null && (storageClass.equals("GLACIER")
        || storageClass.equals("DEEP_ARCHIVE"))) {
      // restic stores only data packs (no tree blobs) in archive classes; a Handle does not say
      // whether a pack holds trees, and tree packs in GLACIER would make every backup fail
      throw new IllegalArgumentException("s3.storage-class " + storageClass
          + " is not supported yet: archive classes need to tell data packs from tree packs");
    }
  }

  /**
   * A configuration from the environment {@code env} (not {@link System#getenv()}, so that tests
   * can inject it) and restic's {@code -o} options {@code options} (keys with their {@code s3.}
   * prefix; {@code connections} without one is accepted too). Unknown {@code s3.*} options are
   * rejected.
   */
  public static S3Config of(S3Location location, Map<String, String> env,
      Map<String, String> options) {
    for (String key : options.keySet()) {
      if (key.startsWith("s3.") && !List.of("s3.bucket-lookup", "s3.region", "s3.storage-class",
          "s3.connections").contains(key)) {
        throw new IllegalArgumentException("unknown option " + key);
      }
    }
    String id = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
    String secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
    if ((id == null) != (secret == null)) {
      throw new IllegalArgumentException(
          "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither");
    }
    String region = firstOf(options.get("s3.region"), env.get("AWS_DEFAULT_REGION"),
        env.get("AWS_REGION"), "us-east-1");
    String lookup = firstOf(options.get("s3.bucket-lookup"), "auto").toLowerCase(Locale.ROOT);
    boolean pathStyle = switch (lookup) {
      case "auto" -> !location.aws();
      case "path" -> true;
      case "dns" -> false;
      default -> throw new IllegalArgumentException(
          "bad s3.bucket-lookup \"" + lookup + "\": want auto, dns or path");
    };
    String conns = firstOf(options.get("s3.connections"), options.get("connections"),
        String.valueOf(DEFAULT_CONNECTIONS));
    int connections;
    try {
      connections = Integer.parseInt(conns.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad connections \"" + conns + "\": want a number");
    }
    return new S3Config(location, id, secret, blankToNull(env.get("AWS_SESSION_TOKEN")), region,
        pathStyle, blankToNull(options.get("s3.storage-class")), connections, List.of(), false,
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, HttpProxies.fromEnvironment(env));
  }

  /** This configuration with TLS settings: extra trusted CA files, or no verification at all. */
  public S3Config withTls(List<Path> caFiles, boolean insecure) {
    return new S3Config(location, accessKeyId, secretAccessKey, sessionToken, region, pathStyle,
        storageClass, connections, caFiles, insecure, connectTimeout, readTimeout, proxies);
  }

  /** This configuration with other connect and read timeouts. */
  public S3Config withTimeouts(Duration connect, Duration read) {
    return new S3Config(location, accessKeyId, secretAccessKey, sessionToken, region, pathStyle,
        storageClass, connections, caCerts, insecureTls, connect, read, proxies);
  }

  /** Hides the secret key, so the record can be logged. */
  @Override
  public String toString() {
    return "S3Config[" + location + ", key " + accessKeyId + ", region " + region
        + (pathStyle ? ", path style" : ", virtual host style") + ", storage class "
        + storageClass + ", " + connections + " connections]";
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
