package dev.cairn.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 endpoint of {@code cairn cds-training}: objects of one bucket held in memory, served on
 * a random loopback port for the length of the training run, so that the class-data archive also
 * holds the AWS SDK and HTTP client classes that a run on an S3 repository loads (about 2,400;
 * without them every S3 run loads them from the jar). It answers the requests {@code
 * S3Backend} makes, path-style: HeadBucket, PutObject (honouring {@code If-None-Match: *}),
 * GetObject (with {@code Range}), HeadObject, DeleteObject and ListObjectsV2 (one page). It
 * neither checks signatures nor persists anything: it is a workload for the archive, not a store.
 */
final class TrainingS3Endpoint implements AutoCloseable {
  static final String BUCKET = "cds-training";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
  private final HttpServer server;

  TrainingS3Endpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The endpoint's URL, {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String prefix = "/" + BUCKET;
      if (!path.startsWith(prefix)) {
        reply(ex, 404, error("NoSuchBucket"));
        return;
      }
      String key = path.length() > prefix.length() + 1 ? path.substring(prefix.length() + 1) : "";
      String method = ex.getRequestMethod();
      if (key.isEmpty()) {
        bucket(ex, method);
      } else {
        object(ex, method, key);
      }
    }
  }

  private void bucket(HttpExchange ex, String method) throws IOException {
    if (method.equals("GET")) {
      String prefix = queryParam(ex, "prefix");
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>"
          + BUCKET + "</Name><Prefix>" + prefix + "</Prefix><IsTruncated>false</IsTruncated>");
      objects.forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          xml.append("<Contents><Key>").append(k).append("</Key><Size>").append(v.length)
              .append("</Size></Contents>");
        }
      });
      reply(ex, 200, xml.append("</ListBucketResult>").toString().getBytes(StandardCharsets.UTF_8));
    } else {
      reply(ex, 200, new byte[0]); // HeadBucket, CreateBucket: the one bucket exists
    }
  }

  private void object(HttpExchange ex, String method, String key) throws IOException {
    byte[] data = objects.get(key);
    switch (method) {
      case "PUT" -> {
        byte[] body = ex.getRequestBody().readAllBytes();
        boolean ifNoneMatch = "*".equals(ex.getRequestHeaders().getFirst("If-None-Match"));
        byte[] before = ifNoneMatch ? objects.putIfAbsent(key, body) : objects.put(key, body);
        if (ifNoneMatch && before != null) {
          reply(ex, 412, error("PreconditionFailed"));
        } else {
          ex.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(key.hashCode()) + "\"");
          reply(ex, 200, new byte[0]);
        }
      }
      case "DELETE" -> {
        objects.remove(key);
        ex.sendResponseHeaders(204, -1);
      }
      case "HEAD" -> {
        if (data == null) {
          ex.sendResponseHeaders(404, -1);
        } else {
          ex.getResponseHeaders().add("Content-Length", String.valueOf(data.length));
          ex.sendResponseHeaders(200, -1);
        }
      }
      default -> get(ex, data);
    }
  }

  private void get(HttpExchange ex, byte[] data) throws IOException {
    if (data == null) {
      reply(ex, 404, error("NoSuchKey"));
      return;
    }
    String range = ex.getRequestHeaders().getFirst("Range");
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (m == null || !m.matches()) {
      reply(ex, 200, data);
      return;
    }
    long from = Long.parseLong(m.group(1));
    long to = m.group(2).isEmpty() ? data.length - 1L : Math.min(Long.parseLong(m.group(2)),
        data.length - 1L);
    if (from >= data.length) {
      reply(ex, 416, error("InvalidRange"));
      return;
    }
    ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
    byte[] part = Arrays.copyOfRange(data, (int) from, (int) to + 1);
    reply(ex, 206, part);
  }

  private static String queryParam(HttpExchange ex, String name) {
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(name + "=")) {
          return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }

  private static byte[] error(String code) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
        + code + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/xml");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
