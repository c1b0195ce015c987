package dev.cairn.operator;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code cairn operator} runs.
 *
 * @param namespace watch only this namespace, or null for all
 * @param metricsAddress where {@code /metrics} is served ({@code :8080})
 * @param healthAddress where {@code /healthz} and {@code /readyz} are served ({@code :8081})
 * @param moverImage the image of the mover Jobs
 * @param leaseNamespace where the leader-election Lease lives; null runs without leader
 *     election (one replica only)
 * @param metricsSweep how often the series of deleted resources are removed
 * @param resync how long a resource may go without a reconcile (a safety net: events and
 *     rescheduling normally come first)
 */
public record OperatorOptions(String namespace, InetSocketAddress metricsAddress,
    InetSocketAddress healthAddress, String moverImage, String leaseNamespace,
    Duration metricsSweep, Duration resync) {
  /** The image when neither {@code --mover-image} nor the environment names one: the tag the
   * README builds ({@code docker build -t cairn .}). */
  public static final String DEFAULT_IMAGE = "cairn:latest";
  /** Volsync's variable for its restic mover image, honoured as Volsync does. */
  public static final String IMAGE_ENV = "RELATED_IMAGE_RESTIC_CONTAINER";
  static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /** The mover image: the flag, else {@code RELATED_IMAGE_RESTIC_CONTAINER}, else the default. */
  public static String image(String flag, Map<String, String> env) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String fromEnv = env.get(IMAGE_ENV);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_IMAGE;
  }

  /** The operator's own namespace in a cluster (its ServiceAccount's), else {@code default}. */
  public static String ownNamespace() {
    try {
      if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
        String ns = Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
        if (!ns.isEmpty()) {
          return ns;
        }
      }
    } catch (java.io.IOException e) {
      // not in a pod
    }
    return "default";
  }

  /** {@code :8080}, {@code 127.0.0.1:9090} or {@code [::1]:80} as a socket address. */
  public static InetSocketAddress address(String s) {
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address \"" + s + "\": want [host]:port");
    }
    String host = s.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address \"" + s + "\": bad port");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
