package dev.cairn.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.Handle;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend chain {@link RepositoryLocator} builds: limit, retry, count, connections. */
class RepositoryLocatorTest {
  @TempDir Path tmp;

  private RepositoryLocator locator(String... extended) {
    RepositorySettings options = new RepositorySettings(tmp.resolve("repo").toString(), null,
        null, null, null, false, null, null, List.of(), false, List.of(extended));
    return new RepositoryLocator(options, Map.of(), warning -> { });
  }

  @Test
  void connectionsOptionSetsTheLimit() throws Exception {
    try (Backend b = locator().backend()) {
      assertThat(b.connections()).isEqualTo(2);
    }
    try (Backend b = locator("connections=7").backend()) {
      assertThat(b.connections()).isEqualTo(7);
    }
    for (String bad : List.of("0", "-1", "many")) {
      assertThatThrownBy(() -> locator("connections=" + bad).backend())
          .isInstanceOf(CairnException.class).hasMessageContaining("connections");
    }
  }

  @Test
  void requestsThroughTheChainAreCounted() throws Exception {
    RepositoryLocator loc = locator();
    assertThat(loc.requestStats().requests()).isZero();
    try (Backend b = loc.backend()) {
      b.create();
      b.save(Handle.CONFIG, new byte[] {1, 2, 3}, 0, 3);
      b.load(Handle.CONFIG);
      b.stat(Handle.CONFIG);
      b.list(FileType.SNAPSHOT, fi -> {});
    }
    assertThat(loc.requestStats().toMap()).containsEntry("put_requests", 1L)
        .containsEntry("put_bytes", 3L).containsEntry("get_requests", 1L)
        .containsEntry("get_bytes", 3L).containsEntry("head_requests", 1L)
        .containsEntry("list_requests", 1L).containsEntry("delete_requests", 0L);
  }

  @Test
  void waitsPrintAsResticDoes() {
    assertThat(RepositoryLocator.waitText(Duration.ofMillis(720))).isEqualTo("720ms");
    assertThat(RepositoryLocator.waitText(Duration.ofMillis(1234))).isEqualTo("1.2s");
    assertThat(RepositoryLocator.waitText(Duration.ofMillis(125_000))).isEqualTo("2m5.0s");
  }
}
