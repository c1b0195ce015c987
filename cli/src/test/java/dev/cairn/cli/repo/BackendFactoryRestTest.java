package dev.cairn.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.rest.RestBackend;
import dev.cairn.core.CairnException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rest:} repository strings and their {@code -o} options (no server needed). */
class BackendFactoryRestTest {
  private static Backend open(String location, String... options) throws Exception {
    return BackendFactory.open(location, new ExtendedOptions(List.of(options)), Map.of());
  }

  @Test
  void restStringsOpenARestBackendWithFiveConnections() throws Exception {
    try (Backend b = open("rest:http://u:secret@127.0.0.1:1/repo")) {
      assertThat(b).isInstanceOf(RestBackend.class);
      assertThat(b.connections()).isEqualTo(5);
      assertThat(b.location()).isEqualTo("rest:http://127.0.0.1:1/repo/");
    }
  }

  @Test
  void connectionsComeFromRestConnectionsOrConnections() throws Exception {
    try (Backend b = open("rest:http://host/r/", "connections=3")) {
      assertThat(b.connections()).isEqualTo(3);
    }
    try (Backend b = open("rest:http://host/r/", "connections=3", "rest.connections=7")) {
      assertThat(b.connections()).isEqualTo(7);
    }
    assertThatThrownBy(() -> open("rest:http://host/r/", "rest.connections=zero"))
        .isInstanceOf(CairnException.class)
        .hasMessageContaining("connections");
  }

  @Test
  void aBadRestUrlIsAnInvalidLocationWithoutThePassword() {
    assertThatThrownBy(() -> open("rest:ftp://u:topsecret@host/r/"))
        .isInstanceOf(CairnException.class)
        .hasMessageContaining("invalid repository location")
        .hasMessageNotContaining("topsecret");
  }
}
