package dev.cairn.standalone;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Serves the Prometheus text of the operator's metrics at {@code /metrics}. */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  public MetricsServer(InetSocketAddress address, Supplier<String> scrape) throws IOException {
    server = HttpServer.create(address, 16);
    server.createContext("/metrics", exchange -> {
      byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
