package dev.cairn.testing;

import dev.cairn.testing.FaultProxy.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One client connection of a {@link FaultProxy}: forwards it to the upstream port, or injects
 * its one fault. Never throws; any failure closes both sides.
 */
final class ProxyConnection implements Runnable {
  private static final int HEAD_LIMIT = 64 * 1024;
  private static final int SLOW_PIECE = 1024;
  private static final int TIMEOUT_MS = 30_000;
  private static final String SLOW_DOWN_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";

  private final Socket client;
  private final int upstreamPort;
  private final Fault fault;
  private final FaultProxy.Settings settings;
  private final Set<Socket> open;

  ProxyConnection(Socket client, int upstreamPort, Fault fault, FaultProxy.Settings settings,
      Set<Socket> open) {
    this.client = client;
    this.upstreamPort = upstreamPort;
    this.fault = fault;
    this.settings = settings;
    this.open = open;
    open.add(client);
  }

  @Override
  public void run() {
    try {
      client.setSoTimeout(TIMEOUT_MS);
      if (fault == null || fault == Fault.SLOW) {
        forward();
      } else if (fault == Fault.RESET) {
        readHead(client.getInputStream());
        client.setSoLinger(true, 0);
      } else if (fault == Fault.ERROR_500) {
        answer("500 Internal Server Error", "text/plain", "injected fault\n");
      } else {
        answer("503 Slow Down", "application/xml", SLOW_DOWN_BODY);
      }
    } catch (IOException e) {
      // the connection ends either way
    } finally {
      closeQuietly(client);
    }
  }

  /** Reads the request head up to its blank line, the limit, or the end of input. */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    for (int n = 0; n < HEAD_LIMIT && matched < 4; n++) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  /**
   * Answers the request with an error and {@code Connection: close}, then reads what the client
   * still sends (a request body) until it closes, so that closing does not reset the connection.
   */
  private void answer(String status, String type, String body) throws IOException {
    InputStream in = client.getInputStream();
    readHead(in);
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: "
        + b.length + "\r\nConnection: close\r\n\r\n";
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    msg.write(head.getBytes(StandardCharsets.US_ASCII));
    msg.write(b);
    OutputStream out = client.getOutputStream();
    out.write(msg.toByteArray());
    out.flush();
    client.shutdownOutput();
    client.setSoTimeout(2_000);
    byte[] buf = new byte[8192];
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline && in.read(buf) >= 0) {
      // drain the rest of the request
    }
  }

  private void forward() throws IOException {
    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
    open.add(upstream);
    try {
      upstream.setSoTimeout(TIMEOUT_MS);
      Thread up = new Thread(() -> pump(client, upstream, false), "fault-proxy-up");
      up.setDaemon(true);
      up.start();
      pump(upstream, client, fault == Fault.SLOW);
      try {
        up.join(TIMEOUT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      closeQuietly(upstream);
    }
  }

  /**
   * Copies {@code from} to {@code to} until the end of input, then half-closes {@code to}; on a
   * failure closes both. When {@code slow}, writes small pieces with pauses, up to the budget.
   */
  private void pump(Socket from, Socket to, boolean slow) {
    long pausedNanos = 0;
    long budget = settings.slowBudget().toNanos();
    byte[] buf = new byte[slow ? SLOW_PIECE : 64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
        if (slow && pausedNanos < budget) {
          Thread.sleep(settings.pause().toMillis());
          pausedNanos += settings.pause().toNanos();
        }
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
