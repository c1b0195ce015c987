package dev.cairn.backend.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Cache} directory on its own: base directory, names, ranges, damage. */
class CacheTest {
  private static final String REPO_ID = "c0".repeat(32);
  @TempDir Path tmp;

  @Test
  void baseComesFromResticCacheDirThenXdgThenHome() {
    assertThat(Cache.defaultBase(Map.of("RESTIC_CACHE_DIR", "/a", "XDG_CACHE_HOME", "/b",
        "HOME", "/c"))).isEqualTo(Path.of("/a"));
    assertThat(Cache.defaultBase(Map.of("XDG_CACHE_HOME", "/b", "HOME", "/c")))
        .isEqualTo(Path.of("/b/cairn"));
    assertThat(Cache.defaultBase(Map.of("HOME", "/c"))).isEqualTo(Path.of("/c/.cache/cairn"));
    assertThat(Cache.defaultBase(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "cairn"));
  }

  @Test
  void repositoryIdMustBeAnId() {
    assertThatThrownBy(() -> Cache.open(tmp, "../etc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyIndexSnapshotAndPackFilesAreHeld() throws Exception {
    Cache cache = Cache.open(tmp, REPO_ID);
    assertThat(Cache.holds(FileType.CONFIG)).isFalse();
    assertThat(Cache.holds(FileType.KEY)).isFalse();
    assertThat(Cache.holds(FileType.LOCK)).isFalse();
    assertThatThrownBy(() -> cache.load(new Handle(FileType.KEY, REPO_ID), 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void savesOnlyContentMatchingItsNameAndServesRanges() throws Exception {
    Cache cache = Cache.open(tmp, REPO_ID);
    byte[] data = new byte[1000];
    new Random(5).nextBytes(data);
    Handle h = new Handle(FileType.PACK, Id.hash(data).hex());
    assertThat(cache.save(new Handle(FileType.PACK, REPO_ID), data, 0, data.length)).isFalse();
    assertThat(cache.list(FileType.PACK)).isEmpty();
    assertThat(cache.load(h, 0, 0)).isNull();
    assertThat(cache.save(h, data, 0, data.length)).isTrue();
    assertThat(cache.list(FileType.PACK)).containsExactly(h.name());
    assertThat(cache.load(h, 990, 0)).hasSize(10);
    assertThat(cache.load(h, 0, 0)).isEqualTo(data);
    assertThatThrownBy(() -> cache.load(h, 999, 2)).isInstanceOf(EOFException.class)
        .hasMessageContaining(h.name());
    // a fresh object (another process) hashes the file before trusting it
    Cache other = Cache.open(tmp, REPO_ID);
    assertThatThrownBy(() -> other.load(h, 1001, 0)).isInstanceOf(EOFException.class);
  }

  @Test
  void listSkipsTemporaryAndForeignFilesAndDamageIsDropped() throws Exception {
    Cache cache = Cache.open(tmp, REPO_ID);
    Path index = cache.dir().resolve("index");
    byte[] data = {1, 2, 3};
    String name = Id.hash(data).hex();
    Files.write(index.resolve(name + "-tmp-123"), data);
    Files.write(index.resolve("README"), data);
    Files.write(index.resolve(name), new byte[] {1, 2}); // partial
    assertThat(cache.list(FileType.INDEX)).containsExactly(name);
    assertThat(cache.load(new Handle(FileType.INDEX, name), 0, 0)).isNull();
    assertThat(index.resolve(name)).doesNotExist();
    assertThat(cache.list(FileType.SNAPSHOT)).isEmpty();
  }
}
