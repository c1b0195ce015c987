package dev.cairn.backend.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.backend.BackendException;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What rclone does not show: a stub server (the JDK's) answering with server errors, throttling,
 * v1 listings, ignored ranges and 416; and the headers every request carries.
 */
class RestBackendServerQuirksTest {
  private static final String ID = "ab".repeat(32);

  /** Path to {status, content type, body} the stub answers with. */
  private final Map<String, Object[]> replies = new ConcurrentHashMap<>();
  private final List<String> accepts = new ArrayList<>();
  private HttpServer server;
  private RestBackend backend;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/r/";
    backend = new RestBackend(RestLocation.parse("rest:" + url, Map.of()));
  }

  @AfterEach
  void stop() {
    backend.close();
    server.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    synchronized (accepts) {
      accepts.add(ex.getRequestHeaders().getFirst("Accept"));
    }
    Object[] reply = replies.getOrDefault(ex.getRequestURI().getPath(), new Object[] {404, "", ""});
    byte[] body = ((String) reply[2]).getBytes(StandardCharsets.UTF_8);
    if (!((String) reply[1]).isEmpty()) {
      ex.getResponseHeaders().add("Content-Type", (String) reply[1]);
    }
    boolean head = ex.getRequestMethod().equals("HEAD");
    int status = (int) reply[0];
    if (head) {
      // a file answering 416 to ranges is 10 bytes long
      ex.getResponseHeaders().add("Content-Length", status == 416 ? "10" : "" + body.length);
      status = status == 416 ? 200 : status;
    }
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }

  private void reply(String path, int status, String body) {
    replies.put("/r/" + path, new Object[] {status, "", body});
  }

  @Test
  void serverErrorsAndThrottlingAreTransientOtherClientErrorsAreNot() {
    Handle h = new Handle(FileType.SNAPSHOT, ID);
    for (int status : new int[] {500, 503, 429, 403, 400}) {
      reply("snapshots/" + ID, status, "nope " + status);
      boolean expectTransient = status >= 500 || status == 429;
      assertThatThrownBy(() -> backend.load(h))
          .isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.transientFailure()).as("%d", status).isEqualTo(expectTransient))
          .hasMessageContaining("GET " + backend.location().substring(5) + "snapshots/" + ID)
          .hasMessageContaining("HTTP " + status)
          .hasMessageContaining("nope " + status);
    }
  }

  @Test
  void aV1ListingOfBareNamesIsStattedNameByName() throws Exception {
    replies.put("/r/index/", new Object[] {200, "application/vnd.x.restic.rest.v1",
        "[\"" + ID + "\", \"README\"]"});
    reply("index/" + ID, 200, "12345");
    List<FileInfo> listed = new ArrayList<>();
    backend.list(FileType.INDEX, listed::add);
    assertThat(listed).containsExactly(new FileInfo(ID, 5));
  }

  @Test
  void aServerIgnoringRangesStillGivesTheRangeOrEof() throws Exception {
    reply("data/" + ID, 200, "0123456789");
    Handle h = new Handle(FileType.PACK, ID);
    assertThat(new String(backend.load(h, 3, 4), StandardCharsets.UTF_8)).isEqualTo("3456");
    assertThat(new String(backend.load(h, 8, 0), StandardCharsets.UTF_8)).isEqualTo("89");
    assertThatThrownBy(() -> backend.load(h, 8, 3)).isInstanceOf(EOFException.class);
  }

  @Test
  void rangeNotSatisfiableIsEofUnlessReadingNothingAtTheEnd() throws Exception {
    reply("data/" + ID, 416, "");
    Handle h = new Handle(FileType.PACK, ID);
    // the file has 10 bytes: the rest from offset 10 is empty, anything else is past the end
    assertThat(backend.load(h, 10, 0)).isEmpty();
    assertThatThrownBy(() -> backend.load(h, 11, 0)).isInstanceOf(EOFException.class)
        .hasMessageContaining(ID);
    assertThatThrownBy(() -> backend.load(h, 8, 5)).isInstanceOf(EOFException.class);
  }

  @Test
  void everyRequestAcceptsV2() throws Exception {
    reply("config", 200, "x");
    backend.stat(Handle.CONFIG);
    backend.load(Handle.CONFIG);
    backend.list(FileType.KEY, fi -> { });
    assertThat(accepts).hasSize(3).containsOnly(RestBackend.V2);
  }
}
