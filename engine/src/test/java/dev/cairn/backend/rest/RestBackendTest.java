package dev.cairn.backend.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendContractTest;
import dev.cairn.backend.BackendException;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.testing.RcloneServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link Backend} contract against {@link RestBackend} talking to {@code rclone serve
 * restic} (one server per class, one repository path per test), and checks credentials and the
 * transient/permanent classification of failures.
 */
class RestBackendTest extends BackendContractTest {
  private static final AtomicInteger REPOS = new AtomicInteger();
  private static Path served;
  private static RcloneServer server;
  private Path repoDir;

  @BeforeAll
  static void startServer() throws IOException {
    served = Files.createTempDirectory("cairn-rest-");
    server = RcloneServer.start(served);
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    if (served != null) {
      try (Stream<Path> all = Files.walk(served)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Override
  protected Backend newBackend(Path tempDir) {
    String name = "repo" + REPOS.incrementAndGet();
    repoDir = served.resolve(name);
    return new RestBackend(RestLocation.parse("rest:" + server.url() + name, Map.of()));
  }

  @Test
  void createMakesTheTypeDirectoriesAndPacksAreShardedOnDisk() throws Exception {
    for (String dir : new String[] {"keys", "locks", "snapshots", "index", "data"}) {
      assertThat(repoDir.resolve(dir)).isDirectory();
    }
    Handle pack = saveNamed(FileType.PACK, bytes(10));
    assertThat(repoDir.resolve("data").resolve(pack.name().substring(0, 2)).resolve(pack.name()))
        .isRegularFile();
  }

  @Test
  void usesFiveConnectionsAndShowsTheUrl() {
    assertThat(backend.connections()).isEqualTo(5);
    assertThat(backend.location()).startsWith("rest:" + server.url() + "repo").endsWith("/");
  }

  @Test
  void wrongCredentialsAreAPermanentFailureNamingTheUrlButNotThePassword() throws Exception {
    Path dir = Files.createDirectories(tempDir.resolve("auth"));
    try (RcloneServer authServer = RcloneServer.start(dir, "--user", "alice", "--pass", "right")) {
      String url = authServer.url() + "repo/";
      RestLocation good = RestLocation.parse("rest:" + url.replace("//", "//alice:right@"),
          Map.of());
      try (RestBackend ok = new RestBackend(good)) {
        ok.create();
        ok.save(Handle.CONFIG, new byte[] {7}, 0, 1);
        assertThat(ok.load(Handle.CONFIG)).containsExactly(7);
      }
      RestLocation bad = RestLocation.parse("rest:" + url,
          Map.of("RESTIC_REST_USERNAME", "alice", "RESTIC_REST_PASSWORD", "wrongpw"));
      try (RestBackend denied = new RestBackend(bad)) {
        assertThatThrownBy(() -> denied.stat(Handle.CONFIG))
            .isInstanceOfSatisfying(BackendException.class,
                e -> assertThat(e.transientFailure()).isFalse())
            .hasMessageContaining("HEAD")
            .hasMessageContaining(url + "config")
            .hasMessageContaining("401")
            .hasMessageNotContaining("wrongpw");
      }
    }
  }

  @Test
  void unreachableServerIsATransientFailure() throws Exception {
    int port = RcloneServer.freePort();
    RestLocation nowhere = RestLocation.parse("rest:http://u:secret@127.0.0.1:" + port + "/r/",
        Map.of());
    Duration shortly = Duration.ofSeconds(2);
    try (RestBackend b = new RestBackend(nowhere, 1, shortly, shortly)) {
      assertThatThrownBy(() -> b.load(Handle.CONFIG))
          .isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.transientFailure()).isTrue())
          .hasMessageContaining("GET http://127.0.0.1:" + port + "/r/config")
          .hasMessageNotContaining("secret");
    }
  }

  @Test
  void aMissingRepositoryListsNothingButHasNoConfig() throws Exception {
    RestLocation other = RestLocation.parse("rest:" + server.url() + "never-created/", Map.of());
    try (RestBackend b = new RestBackend(other)) {
      assertThat(listedBy(b, FileType.SNAPSHOT)).isZero();
      assertThatThrownBy(() -> b.stat(Handle.CONFIG))
          .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
  }

  private static int listedBy(Backend b, FileType type) throws IOException {
    AtomicInteger n = new AtomicInteger();
    b.list(type, fi -> n.incrementAndGet());
    return n.get();
  }
}
