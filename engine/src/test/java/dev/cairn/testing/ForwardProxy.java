package dev.cairn.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP forward proxy on 127.0.0.1 for tests of {@code HTTP_PROXY}: it reads the head of
 * the first request of a connection (absolute-form, {@code GET http://host:port/path}), connects
 * to that host and port, which must be on the loopback address, and from then on copies bytes
 * both ways unchanged (HTTP/1.1 servers accept absolute-form requests). It counts the
 * connections it forwarded.
 */
public final class ForwardProxy implements Closeable {
  private final ServerSocket server;
  private final AtomicInteger forwarded = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private ForwardProxy(ServerSocket server) {
    this.server = server;
    Thread t = new Thread(this::accept, "forward-proxy");
    t.setDaemon(true);
    t.start();
  }

  /** Starts a proxy on a free port. */
  public static ForwardProxy start() throws IOException {
    return new ForwardProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  /** {@code http://127.0.0.1:PORT}, for {@code HTTP_PROXY}. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Connections forwarded so far. */
  public int forwarded() {
    return forwarded.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "forward-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      byte[] head = readHead(client.getInputStream());
      String line = new String(head, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
      URI target = URI.create(line.split(" ")[1]);
      if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
        client.getOutputStream().write(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        return;
      }
      try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
        open.add(upstream);
        forwarded.incrementAndGet();
        upstream.getOutputStream().write(head);
        Thread back = new Thread(() -> copy(upstream, client), "forward-proxy-back");
        back.setDaemon(true);
        back.start();
        copy(client, upstream);
        back.join(5000);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      // the client sees the connection close
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < 4 && (b = in.read()) >= 0; ) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }

  private static void copy(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[64 << 10];
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // one side closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
