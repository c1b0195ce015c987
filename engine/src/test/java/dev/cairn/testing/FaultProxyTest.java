package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.testing.FaultProxy.Fault;
import dev.cairn.testing.FaultProxy.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FaultProxy} in front of a JDK HTTP server that stores PUT bodies and serves them. */
class FaultProxyTest {
  private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
  private HttpServer server;
  private ExecutorService pool;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] reply;
      int status = 200;
      if (exchange.getRequestMethod().equals("PUT")) {
        stored.put(path, exchange.getRequestBody().readAllBytes());
        reply = "stored".getBytes(StandardCharsets.US_ASCII);
      } else {
        reply = stored.getOrDefault(path, new byte[0]);
        status = stored.containsKey(path) ? 200 : 404;
      }
      exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    pool.shutdownNow();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void rateZeroForwardsByteIdentically() throws Exception {
    byte[] body = random(1 << 20, 1);
    try (FaultProxy proxy = new FaultProxy(server.getAddress().getPort(), Settings.of(7, 0.0))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI uri = URI.create("http://127.0.0.1:" + proxy.port() + "/data/big");
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri)
          .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);
      assertThat(stored.get("/data/big")).isEqualTo(body);
      for (int i = 0; i < 3; i++) {
        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(uri).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);
      }
      assertThat(proxy.injected()).isZero();
      assertThat(proxy.forwarded()).isPositive();
    }
  }

  @Test
  void rateOneAlwaysFaults() throws Exception {
    stored.put("/x", random(4000, 2));
    try (FaultProxy proxy = new FaultProxy(server.getAddress().getPort(), Settings.of(3, 1.0))) {
      Map<Integer, Integer> outcomes = run(proxy, 60, "/x", random(3000, 4));
      assertThat(proxy.injected()).isEqualTo(60);
      assertThat(proxy.forwarded()).isZero();
      assertThat(outcomes.getOrDefault(-1, 0)).isEqualTo((int) proxy.injected(Fault.RESET));
      assertThat(outcomes.getOrDefault(500, 0)).isEqualTo((int) proxy.injected(Fault.ERROR_500));
      assertThat(outcomes.getOrDefault(503, 0))
          .isEqualTo((int) proxy.injected(Fault.SLOW_DOWN_503));
      assertThat(outcomes.getOrDefault(200, 0)).isEqualTo((int) proxy.injected(Fault.SLOW));
      for (Fault f : Fault.values()) {
        assertThat(proxy.injected(f)).as("%s", f).isPositive();
      }
    }
  }

  @Test
  void slowConnectionsStillDeliverEveryByte() throws Exception {
    byte[] body = random(1 << 20, 5);
    stored.put("/big", body);
    Settings slow = new Settings(1, 1.0, EnumSet.of(Fault.SLOW), Duration.ofMillis(2),
        Duration.ofMillis(200));
    try (FaultProxy proxy = new FaultProxy(server.getAddress().getPort(), slow)) {
      Reply r = request(proxy.port(), "GET", "/big", null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(body);
      assertThat(proxy.injected(Fault.SLOW)).isEqualTo(1);
    }
  }

  @Test
  void aSeededRateGivesTheSameMixOfFaults() throws Exception {
    stored.put("/y", random(2000, 6));
    Map<Fault, Long> first = new EnumMap<>(Fault.class);
    for (int run = 0; run < 2; run++) {
      try (FaultProxy proxy = new FaultProxy(server.getAddress().getPort(),
          Settings.of(42, 0.3))) {
        Map<Integer, Integer> outcomes = run(proxy, 200, "/y", null);
        assertThat(proxy.injected()).isBetween(30L, 90L);
        assertThat(proxy.forwarded() + proxy.injected()).isEqualTo(200);
        assertThat(outcomes.get(200)).isEqualTo((int) (proxy.forwarded()
            + proxy.injected(Fault.SLOW)));
        for (Fault f : Fault.values()) {
          assertThat(proxy.injected(f)).as("%s", f).isPositive();
          if (run == 0) {
            first.put(f, proxy.injected(f));
          } else {
            assertThat(proxy.injected(f)).as("%s again", f).isEqualTo(first.get(f));
          }
        }
      }
    }
  }

  /** Makes {@code n} requests one after another, GET or PUT, and counts replies by status. */
  private Map<Integer, Integer> run(FaultProxy proxy, int n, String path, byte[] put)
      throws Exception {
    Map<Integer, Integer> outcomes = new ConcurrentHashMap<>();
    byte[] want = stored.get(path);
    for (int i = 0; i < n; i++) {
      Reply r = request(proxy.port(), put != null && i % 2 == 1 ? "PUT" : "GET",
          put != null && i % 2 == 1 ? path + "-put" : path, put != null && i % 2 == 1 ? put : null);
      if (r.status() == 200 && r.body().length > "stored".length()) {
        assertThat(r.body()).isEqualTo(want);
      }
      if (r.status() == 503) {
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
            .contains("<Error><Code>SlowDown</Code>");
      }
      outcomes.merge(r.status(), 1, Integer::sum);
    }
    return outcomes;
  }

  private record Reply(int status, byte[] body) {}

  /** One request on its own connection; status -1 when the connection failed. */
  private static Reply request(int port, String method, String path, byte[] body) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\nContent-Length: " + (body == null ? 0 : body.length)
          + "\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      byte[] reply = all.toByteArray();
      String text = new String(reply, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || end < 0) {
        return new Reply(-1, new byte[0]);
      }
      int status = Integer.parseInt(text.substring(9, 12));
      return new Reply(status, Arrays.copyOfRange(reply, end + 4, reply.length));
    } catch (IOException e) {
      return new Reply(-1, new byte[0]);
    }
  }
}
