package dev.cairn.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code cairn standalone} in the foreground: takes the configuration's {@link ServiceLock},
 * serves the metrics, and runs passes of {@link Standalone} until stopped: at the time the last
 * pass asked for, and at least every second (to see edits and sync requests).
 */
public final class StandaloneService implements AutoCloseable {
  private final Standalone standalone;
  private final ServiceLock lock;
  private final MetricsServer metrics;
  private final Clock clock;
  private volatile boolean stopped;

  private StandaloneService(Standalone standalone, ServiceLock lock, MetricsServer metrics,
      Clock clock) {
    this.standalone = standalone;
    this.lock = lock;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Starts the service's parts; an {@link IllegalStateException} when another process runs
   * this configuration.
   */
  public static StandaloneService start(StandaloneOptions options, Clock clock,
      List<String> cairnCommand, PrintStream log) throws IOException {
    ServiceLock lock = ServiceLock.tryTake(options);
    if (lock == null) {
      throw new IllegalStateException("another cairn standalone runs the configuration "
          + options.config() + " (it holds " + options.stateDir().resolve("lock") + ")");
    }
    Standalone s = new Standalone(options, clock, new MoverLauncher(cairnCommand), log);
    MetricsServer m = null;
    try {
      m = options.metrics() == null ? null
          : new MetricsServer(options.metrics(), s.metrics()::scrape);
    } catch (IOException e) {
      lock.close();
      throw new IOException("cannot serve metrics on " + options.metrics() + ": "
          + e.getMessage(), e);
    }
    return new StandaloneService(s, lock, m, clock);
  }

  public Standalone standalone() {
    return standalone;
  }

  /** The metrics port, or -1 when not served. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Runs passes until {@link #close()}. */
  public void run() throws InterruptedException {
    while (!stopped) {
      Instant wake = standalone.tick();
      long ms = Duration.between(clock.instant(), wake).toMillis();
      Thread.sleep(Math.max(50, Math.min(ms, 1000)));
    }
  }

  @Override
  public void close() throws IOException {
    stopped = true;
    if (metrics != null) {
      metrics.close();
    }
    standalone.close();
    lock.close();
  }
}
