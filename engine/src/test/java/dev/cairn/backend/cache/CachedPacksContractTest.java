package dev.cairn.backend.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendContractTest;
import dev.cairn.backend.Handle;
import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.FileType;
import java.io.EOFException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link Backend} contract through a {@link CachedBackend} that caches every pack too,
 * so that saves, ranged loads, removes and lists of packs all go through the cache.
 */
class CachedPacksContractTest extends BackendContractTest {
  private LoadCountingBackend counting;

  @Override
  protected Backend newBackend(Path tempDir) throws Exception {
    counting = new LoadCountingBackend(new MemBackend("mem:cached/"));
    CachedBackend cached = new CachedBackend(counting, Cache.open(tempDir, "ab".repeat(32)));
    cached.cacheablePacks(name -> true);
    return cached;
  }

  @Test
  void savedTreePackIsServedWithoutADownload() throws Exception {
    byte[] data = bytes(10_000);
    Handle h = saveNamed(FileType.PACK, data);
    assertThat(backend.load(h, 9_000, 0)).hasSize(1000);
    assertThat(backend.load(h)).isEqualTo(data);
    assertThat(counting.loads(h)).isZero();
  }

  @Test
  void rangePastTheEndOfACachedPackFailsLikeTheStore() throws Exception {
    Handle h = saveNamed(FileType.PACK, bytes(100));
    backend.load(h);
    assertThatThrownBy(() -> backend.load(h, 50, 51))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining(h.name());
    assertThat(counting.loads(h)).isZero();
  }
}
