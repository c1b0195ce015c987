package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.Main;
import dev.cairn.operator.CairnOperator;
import dev.cairn.operator.OperatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A cluster for one test: the mock API server ({@link MockCluster}), the stand-in for what a
 * cluster does ({@link ClusterStandIn}, running the real {@code cairn mover} of this build), and
 * the operator started as {@code cairn operator} starts it ({@link CairnOperator}), on a {@link
 * TestClock} and with a one-second resync so that moving the clock is seen at once.
 */
final class OperatorHarness implements AutoCloseable {
  /**
   * Half past the next hour: the API server stamps objects with the real time, and creation
   * timestamps are a baseline of the sync machine (first schedule, prune interval), so the
   * operator's clock starts a little after every object a test creates, whatever the time.
   */
  static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(
      Duration.ofMinutes(90));

  final MockCluster cluster = new MockCluster();
  final TestClock clock = new TestClock(START);
  final ClusterStandIn standIn;
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private CairnOperator operator;
  volatile boolean lostLease;

  OperatorHarness(Path root) {
    this(root, List.of());
  }

  OperatorHarness(Path root, List<String> prefix) {
    this(root, prefix, System.getProperty("java.class.path"));
  }

  /**
   * @param prefix a command line prefix for the mover (e.g. {@code setpriv ...}), or none
   * @param classPath the mover's class path
   */
  OperatorHarness(Path root, List<String> prefix, String classPath) {
    List<String> mover = new ArrayList<>(prefix);
    mover.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED",
        "-cp", classPath, Main.class.getName()));
    standIn = new ClusterStandIn(cluster.client(), root, mover);
  }

  /** Starts the stand-in and the operator (watching every namespace). */
  OperatorHarness start(String moverImage) throws IOException {
    standIn.start();
    OperatorOptions options = new OperatorOptions(null, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), moverImage, "default", Duration.ofMillis(500),
        Duration.ofSeconds(1));
    operator = CairnOperator.start(cluster.operatorClient(), options, clock,
        new PrintStream(logBytes, true, StandardCharsets.UTF_8),
        Map.of("HTTPS_PROXY", "http://proxy.example:3128", "NO_PROXY", "10.0.0.0/8",
            "HOSTNAME", "cairn-operator-test"),
        () -> lostLease = true);
    return this;
  }

  /** The operator's decision log so far. */
  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** GETs {@code path} from the metrics ({@code /metrics}) or probe port. */
  String http(String path) throws IOException, InterruptedException {
    int port = path.equals("/metrics") ? operator.metricsPort() : operator.healthPort();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  /** Waits (at most {@code seconds}) until {@code condition} holds; fails with {@code what}. */
  void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(standIn.failures()).as("stand-in failures").isEmpty();
      assertThat(lostLease).as("the operator lost its lease").isFalse();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "\noperator log:\n" + log());
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    if (operator != null) {
      operator.close();
    }
    standIn.close();
    cluster.close();
  }
}
