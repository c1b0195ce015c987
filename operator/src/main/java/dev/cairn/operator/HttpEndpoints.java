package dev.cairn.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints: Prometheus {@code /metrics} on one address, {@code /healthz}
 * and {@code /readyz} on another (both may be the same). Plain HTTP, no authentication: for the
 * cluster network and a ServiceMonitor.
 */
final class HttpEndpoints implements AutoCloseable {
  private final HttpServer metrics;
  private final HttpServer health;

  /**
   * Starts the servers.
   *
   * @param scrape the metrics text
   * @param alive whether {@code /healthz} answers 200
   * @param ready whether {@code /readyz} answers 200
   */
  HttpEndpoints(InetSocketAddress metricsAddress, InetSocketAddress healthAddress,
      Supplier<String> scrape, BooleanSupplier alive, BooleanSupplier ready) throws IOException {
    metrics = HttpServer.create(metricsAddress, 16);
    metrics.createContext("/metrics", ex -> reply(ex, 200,
        "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
    if (healthAddress.equals(metricsAddress)) {
      health = metrics;
    } else {
      health = HttpServer.create(healthAddress, 16);
    }
    health.createContext("/healthz", ex -> probe(ex, alive));
    health.createContext("/readyz", ex -> probe(ex, ready));
    metrics.setExecutor(Executors.newSingleThreadExecutor(daemon("cairn-metrics")));
    metrics.start();
    if (health != metrics) {
      health.setExecutor(Executors.newSingleThreadExecutor(daemon("cairn-health")));
      health.start();
    }
  }

  /** The port metrics are served on (useful when started on port 0). */
  int metricsPort() {
    return metrics.getAddress().getPort();
  }

  /** The port the probes are served on. */
  int healthPort() {
    return health.getAddress().getPort();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static void probe(HttpExchange ex, BooleanSupplier check) throws IOException {
    boolean ok = check.getAsBoolean();
    reply(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
  }

  private static void reply(HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    metrics.stop(0);
    if (health != metrics) {
      health.stop(0);
    }
  }
}
