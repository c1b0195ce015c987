package dev.cairn.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendException;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.backend.HttpProxies;
import dev.cairn.backend.SpoolInputStream;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A repository behind a restic REST server (rest-server, {@code rclone serve restic}), protocol
 * v2: {@code POST {path}?create=true}, {@code HEAD|GET|POST|DELETE {path}/{type}/{name}}, {@code
 * GET {path}/{type}/} listing {@code [{"name":…,"size":…}]}; packs are addressed flat as {@code
 * data/<id>}. Every request sends {@code Accept: application/vnd.x.restic.rest.v2} and, when the
 * location has a user, a Basic {@code Authorization} header.
 *
 * <p>Atomicity of {@link #save} is the server's: rest-server writes a temporary file and renames
 * it. The REST protocol cannot refuse to overwrite, so {@link #save} asks with {@code HEAD}
 * first; two concurrent saves of one name may both pass that check, and then the later upload
 * replaces the earlier one (harmless: names are hashes of the contents) or, on an append-only
 * server, fails with 403.
 *
 * <p>Failures: a missing file is {@link java.nio.file.NoSuchFileException}; every other failure
 * is a {@link BackendException} naming the method, the URL (never the password) and the HTTP
 * status, transient for timeouts, broken connections, 408, 429 and 5xx. Thread-safe: the
 * {@link HttpClient} is shared and keeps a pool of HTTP/1.1 connections.
 */
public final class RestBackend implements Backend {
  /** The media type of protocol v2, sent as {@code Accept} on every request. */
  public static final String V2 = "application/vnd.x.restic.rest.v2";
  /** restic's default number of connections for remote stores. */
  public static final int DEFAULT_CONNECTIONS = 5;
  /** How long opening a connection may take. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** How long one request may wait for the response headers (uploads of large packs included). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RestLocation location;
  private final int connections;
  private final Duration requestTimeout;
  private final HttpClient client;

  /** A backend with restic's defaults: 5 connections and the default timeouts. */
  public RestBackend(RestLocation location) {
    this(location, DEFAULT_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /** A backend with {@code connections} (at least 1) and explicit timeouts, no proxy. */
  public RestBackend(RestLocation location, int connections, Duration connectTimeout,
      Duration requestTimeout) {
    this(location, connections, connectTimeout, requestTimeout, HttpProxies.NONE);
  }

  /** A backend with {@code connections} (at least 1), explicit timeouts and proxies. */
  public RestBackend(RestLocation location, int connections, Duration connectTimeout,
      Duration requestTimeout, HttpProxies proxies) {
    if (connections < 1) {
      throw new IllegalArgumentException("need at least 1 connection, got " + connections);
    }
    this.location = location;
    this.connections = connections;
    this.requestTimeout = requestTimeout;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(proxies.selector())
        .build();
  }

  @Override
  public String location() {
    return location.location();
  }

  @Override
  public int connections() {
    return connections;
  }

  /**
   * {@code POST {path}?create=true}, after checking with {@code HEAD} that there is no config.
   *
   * @throws FileAlreadyExistsException when the config exists
   */
  @Override
  public void create() throws IOException {
    URI config = uriOf(Handle.CONFIG);
    if (exists(config)) {
      throw new FileAlreadyExistsException(config.toString(), null, "repository already exists");
    }
    URI uri = location.base().resolve("?create=true");
    Http.expectOk(send(request(uri).POST(BodyPublishers.noBody()), "POST", uri), "POST", uri);
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    post(h, BodyPublishers.ofByteArray(data, off, len));
  }

  /** Streams the spool file as the body (with its length): no array of the whole pack. */
  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    post(h, BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(() -> new SpoolInputStream(src, len)), len));
  }

  private void post(Handle h, HttpRequest.BodyPublisher body) throws IOException {
    URI uri = uriOf(h);
    if (exists(uri)) {
      throw new FileAlreadyExistsException(uri.toString());
    }
    HttpRequest.Builder req = request(uri)
        .header("Content-Type", "application/octet-stream")
        .POST(body);
    Http.expectOk(send(req, "POST", uri), "POST", uri);
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length for " + h);
    }
    URI uri = uriOf(h);
    HttpRequest.Builder req = request(uri).GET();
    boolean ranged = offset > 0 || length > 0;
    if (ranged) {
      req.header("Range", "bytes=" + offset + "-" + (length > 0 ? offset + length - 1 : ""));
    }
    HttpResponse<byte[]> resp = send(req, "GET", uri);
    if (resp.statusCode() == 416) {
      long size = stat(h);
      if (length == 0 && offset == size) {
        return new byte[0];
      }
      throw eof(uri, offset, length, size);
    }
    Http.expectOk(resp, "GET", uri);
    byte[] body = resp.body();
    if (!ranged) {
      return body;
    }
    if (resp.statusCode() != 206) {
      // the server ignored the range and sent the whole file
      long want = length > 0 ? length : body.length - offset;
      if (offset > body.length || offset + want > body.length) {
        throw eof(uri, offset, length, body.length);
      }
      return Arrays.copyOfRange(body, (int) offset, (int) (offset + want));
    }
    if (length > 0 && body.length != length) {
      throw eof(uri, offset, length, Http.totalSize(resp).orElse(offset + body.length));
    }
    if (length == 0 && body.length == 0) {
      // some servers answer 206 and no bytes past the end: tell that apart from offset == size
      long size = Http.totalSize(resp).orElse(-1L);
      size = size >= 0 ? size : stat(h);
      if (offset > size) {
        throw eof(uri, offset, length, size);
      }
    }
    return body;
  }

  private static EOFException eof(URI uri, long offset, int length, long size) {
    String want = length > 0 ? length + " bytes" : "the rest";
    return new EOFException(uri + ": wanted " + want + " at offset " + offset + ", file has "
        + size);
  }

  /** {@code HEAD}: the {@code Content-Length}. */
  @Override
  public long stat(Handle h) throws IOException {
    URI uri = uriOf(h);
    HttpResponse<byte[]> resp = send(head(uri), "HEAD", uri);
    Http.expectOk(resp, "HEAD", uri);
    return resp.headers().firstValueAsLong("Content-Length").orElseThrow(() ->
        new BackendException("HEAD " + uri + ": no Content-Length in the response", null, false));
  }

  /**
   * {@code GET {path}/{type}/}; a 404 means an empty kind. v1 replies (bare names) are statted one
   * by one.
   */
  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    if (type == FileType.CONFIG) {
      return; // config is not named by an id, and list reports ids only
    }
    URI uri = location.base().resolve(type.dir() + "/");
    HttpResponse<byte[]> resp = send(request(uri).GET(), "GET", uri);
    if (resp.statusCode() == 404) {
      return;
    }
    Http.expectOk(resp, "GET", uri);
    JsonNode entries;
    try {
      entries = JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new BackendException("GET " + uri + ": bad listing: " + e.getMessage(), e, false);
    }
    if (entries == null || !entries.isArray()) {
      throw new BackendException("GET " + uri + ": listing is not a JSON array", null, false);
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode entry : entries) {
      String name = entry.isTextual() ? entry.asText() : entry.path("name").asText("");
      if (!Id.isValid(name) || !seen.add(name)) {
        continue;
      }
      long size = entry.isTextual() ? stat(new Handle(type, name)) : entry.path("size").asLong();
      fn.accept(new FileInfo(name, size));
    }
  }

  @Override
  public void remove(Handle h) throws IOException {
    URI uri = uriOf(h);
    Http.expectOk(send(request(uri).DELETE(), "DELETE", uri), "DELETE", uri);
  }

  @Override
  public void close() {
    // Java 17's HttpClient holds nothing that must be released; idle connections time out
  }

  /** The URL of a file; packs are flat ({@code data/<id>}), the server shards on disk. */
  URI uriOf(Handle h) {
    if (h.type() == FileType.CONFIG) {
      return location.base().resolve("config");
    }
    String name = h.name();
    if (name.isEmpty() || name.startsWith(".") || !name.chars().allMatch(c ->
        Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
      throw new IllegalArgumentException("invalid file name \"" + name + "\" in " + location());
    }
    return location.base().resolve(h.type().dir() + "/" + name);
  }

  private boolean exists(URI uri) throws IOException {
    HttpResponse<byte[]> resp = send(head(uri), "HEAD", uri);
    if (resp.statusCode() == 404) {
      return false;
    }
    Http.expectOk(resp, "HEAD", uri);
    return true;
  }

  private HttpRequest.Builder head(URI uri) {
    return request(uri).method("HEAD", BodyPublishers.noBody());
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", V2);
    location.authorization().ifPresent(auth -> b.header("Authorization", auth));
    return b;
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder req, String method, URI uri)
      throws IOException {
    return Http.send(client, req.build(), method, uri);
  }
}
