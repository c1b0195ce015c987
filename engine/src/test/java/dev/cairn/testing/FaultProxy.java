package dev.cairn.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that sits between an HTTP client and an HTTP server on 127.0.0.1 (an
 * S3 or REST server in tests) and injects faults. For each accepted connection it draws, from a
 * seeded {@link Random}, whether to fail it (with probability {@code failureRate}) and with which
 * of the enabled {@link Fault}s; otherwise it forwards the connection unchanged. Because HTTP/1.1
 * keeps connections alive, the decision holds for the whole connection; an injected error answer
 * carries {@code Connection: close} and the connection is closed after it, so the client's next
 * request opens a new connection and gets a new draw. Draws happen in the order connections are
 * accepted, so a run is reproducible when the client opens its connections one after another.
 *
 * <p>Bounded: it only ever connects to the given port on the loopback address; all its threads
 * are daemons; {@link #close} stops accepting and closes every open connection.
 */
public final class FaultProxy implements Closeable {
  /** A fault injected into one connection. */
  public enum Fault {
    /** Reads the request head, then resets the connection (RST, SO_LINGER 0). */
    RESET,
    /** Answers {@code 500 Internal Server Error}. */
    ERROR_500,
    /** Answers {@code 503 Slow Down} with S3's {@code SlowDown} XML error body. */
    SLOW_DOWN_503,
    /** Forwards, but hands the response to the client in small pieces with pauses between. */
    SLOW
  }

  /**
   * @param seed seeds the draws
   * @param failureRate the probability that a connection gets a fault, 0.0 to 1.0
   * @param faults the faults to choose from, uniformly
   * @param pause the pause between pieces of a {@link Fault#SLOW} response
   * @param slowBudget the most time a {@link Fault#SLOW} connection pauses in all
   */
  public record Settings(long seed, double failureRate, Set<Fault> faults, Duration pause,
      Duration slowBudget) {
    public Settings {
      if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
        throw new IllegalArgumentException("failure rate must be in 0..1: " + failureRate);
      }
      if (faults.isEmpty() && failureRate > 0) {
        throw new IllegalArgumentException("a failure rate above 0 needs at least one fault");
      }
      faults = faults.isEmpty() ? Set.of() : EnumSet.copyOf(faults);
    }

    /** All faults, with 5 ms pauses for at most half a second per slow connection. */
    public static Settings of(long seed, double failureRate) {
      return new Settings(seed, failureRate, EnumSet.allOf(Fault.class), Duration.ofMillis(5),
          Duration.ofMillis(500));
    }
  }

  private final int upstreamPort;
  private final Settings settings;
  private final List<Fault> faults;
  private final Random random;
  private final ServerSocket server;
  private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
  private final AtomicLong forwarded = new AtomicLong();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Starts a proxy on an ephemeral port of 127.0.0.1 in front of 127.0.0.1:{@code upstreamPort}. */
  public FaultProxy(int upstreamPort, Settings settings) throws IOException {
    if (upstreamPort <= 0 || upstreamPort > 65535) {
      throw new IllegalArgumentException("bad upstream port " + upstreamPort);
    }
    this.upstreamPort = upstreamPort;
    this.settings = settings;
    this.faults = List.copyOf(settings.faults());
    this.random = new Random(settings.seed());
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicLong());
    }
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the proxy listens on, on 127.0.0.1. */
  public int port() {
    return server.getLocalPort();
  }

  /** How many connections got {@code fault}. */
  public long injected(Fault fault) {
    return injected.get(fault).get();
  }

  /** How many connections got any fault. */
  public long injected() {
    return injected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** How many connections were forwarded without a fault. */
  public long forwarded() {
    return forwarded.get();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Fault fault = draw();
      (fault == null ? forwarded : injected.get(fault)).incrementAndGet();
      ProxyConnection conn = new ProxyConnection(client, upstreamPort, fault, settings, open);
      Thread t = new Thread(conn, "fault-proxy-" + (fault == null ? "forward" : fault));
      t.setDaemon(true);
      t.start();
    }
  }

  private synchronized Fault draw() {
    if (settings.failureRate() <= 0 || random.nextDouble() >= settings.failureRate()) {
      return null;
    }
    return faults.get(random.nextInt(faults.size()));
  }

  /** Stops accepting and closes every open connection. */
  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    open.clear();
  }
}
