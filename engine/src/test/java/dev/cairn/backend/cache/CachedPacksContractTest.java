package dev.cairn.backend.cache;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendContractTest;
import dev.cairn.backend.mem.MemBackend;
import java.nio.file.Path;

/**
 * Runs the {@link Backend} contract through a {@link CachedBackend} that caches every pack too,
 * so that saves, ranged loads, removes and lists of packs all go through the cache.
 */
class CachedPacksContractTest extends BackendContractTest {
  @Override
  protected Backend newBackend(Path tempDir) throws Exception {
    CachedBackend cached =
        new CachedBackend(new MemBackend("mem:cached/"), Cache.open(tempDir, "ab".repeat(32)));
    cached.cacheablePacks(name -> true);
    return cached;
  }
}
