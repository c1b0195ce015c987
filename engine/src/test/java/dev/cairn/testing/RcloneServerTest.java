package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The rclone REST server harness: missing binary handling, start, answer, stop. */
class RcloneServerTest {
  @TempDir Path tmp;

  @Test
  void missingBinaryFailsInCiAndSkipsElsewhere() {
    assertThatThrownBy(() -> RcloneServer.require(Optional.empty(), "true"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI=true: install the Debian package rclone");
    assertThatThrownBy(() -> RcloneServer.require(Optional.empty(), null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("rclone binary not found");
    assertThat(RcloneServer.require(Optional.of(Path.of("/bin/true")), "true"))
        .isEqualTo(Path.of("/bin/true"));
  }

  @Test
  void servesUntilClosed() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String url;
    try (RcloneServer server = RcloneServer.start(tmp.resolve("served"))) {
      url = server.url();
      HttpRequest create = HttpRequest.newBuilder(URI.create(url + "r/?create=true"))
          .POST(HttpRequest.BodyPublishers.noBody()).build();
      assertThat(client.send(create, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(200);
      assertThat(tmp.resolve("served/r/keys")).isDirectory();
    }
    HttpRequest list = HttpRequest.newBuilder(URI.create(url + "r/keys/")).build();
    assertThatThrownBy(() -> client.send(list, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.io.IOException.class);
  }
}
