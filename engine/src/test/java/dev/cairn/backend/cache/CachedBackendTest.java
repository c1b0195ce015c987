package dev.cairn.backend.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendContractTest;
import dev.cairn.backend.Handle;
import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link Backend} contract through {@link CachedBackend} over {@link MemBackend}, and
 * checks what is served from the cache and what reaches the store.
 */
class CachedBackendTest extends BackendContractTest {
  private static final String REPO_ID = "5e".repeat(32);
  private MemBackend mem;
  private LoadCountingBackend counting;
  private CachedBackend cached;
  private Path base;

  @Override
  protected Backend newBackend(Path tempDir) throws Exception {
    mem = new MemBackend("mem:test/");
    counting = new LoadCountingBackend(mem);
    base = tempDir.resolve("cache");
    cached = new CachedBackend(counting, Cache.open(base, REPO_ID));
    return cached;
  }

  /** Puts a file straight into the store, as another host would have. */
  private Handle remote(FileType type, byte[] data) throws Exception {
    Handle h = new Handle(type, Id.hash(data).hex());
    mem.save(h, data, 0, data.length);
    return h;
  }

  private Path cacheFile(Handle h) {
    Path dir = base.resolve(REPO_ID);
    return h.type() == FileType.PACK
        ? dir.resolve("data").resolve(h.name().substring(0, 2)).resolve(h.name())
        : dir.resolve(h.type().dir()).resolve(h.name());
  }

  @Test
  void secondLoadOfIndexOrSnapshotStaysLocal() throws Exception {
    for (FileType type : List.of(FileType.INDEX, FileType.SNAPSHOT)) {
      byte[] data = bytes(3000);
      Handle h = remote(type, data);
      assertThat(cached.load(h)).isEqualTo(data);
      assertThat(cached.load(h)).isEqualTo(data);
      assertThat(cached.load(h, 10, 20)).containsExactly(slice(data, 10, 20));
      assertThat(counting.loads(h)).as("%s", type).isEqualTo(1);
      assertThat(Files.readAllBytes(cacheFile(h))).isEqualTo(data);
    }
  }

  @Test
  void savedIndexIsServedWithoutADownload() throws Exception {
    Handle h = saveNamed(FileType.INDEX, bytes(500));
    cached.load(h);
    assertThat(counting.loads(h)).isZero();
  }

  @Test
  void configKeysAndLocksAreNeverCached() throws Exception {
    byte[] config = bytes(100);
    cached.save(Handle.CONFIG, config, 0, config.length);
    Handle key = saveNamed(FileType.KEY, bytes(100));
    Handle lock = saveNamed(FileType.LOCK, bytes(100));
    for (Handle h : List.of(Handle.CONFIG, key, lock)) {
      cached.load(h);
      cached.load(h);
      assertThat(counting.loads(h)).as("%s", h).isEqualTo(2);
    }
    try (var files = Files.walk(base.resolve(REPO_ID))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void rangedLoadsOfATreePackComeFromTheCache() throws Exception {
    byte[] data = bytes(100_000);
    Handle h = remote(FileType.PACK, data);
    cached.cacheablePacks(Set.of(h.name())::contains);
    assertThat(cached.load(h, 100, 50)).isEqualTo(slice(data, 100, 50));
    assertThat(cached.load(h, 99_000, 0)).isEqualTo(slice(data, 99_000, 1000));
    assertThat(cached.load(h, 5, 1)).isEqualTo(slice(data, 5, 1));
    assertThat(counting.loads(h)).isEqualTo(1);
    assertThat(Files.readAllBytes(cacheFile(h))).isEqualTo(data);
  }

  @Test
  void dataPacksAreNotCached() throws Exception {
    Handle tree = remote(FileType.PACK, bytes(1000));
    Handle data = remote(FileType.PACK, bytes(1000));
    cached.cacheablePacks(Set.of(tree.name())::contains);
    cached.load(data, 0, 10);
    cached.load(data, 0, 10);
    assertThat(counting.loads(data)).isEqualTo(2);
    assertThat(cacheFile(data)).doesNotExist();
    Handle savedData = saveNamed(FileType.PACK, bytes(1000));
    assertThat(cacheFile(savedData)).doesNotExist();
  }

  @Test
  void listDropsEntriesWhoseRemoteFileIsGone() throws Exception {
    Handle keepIndex = remote(FileType.INDEX, bytes(10));
    Handle goneIndex = remote(FileType.INDEX, bytes(11));
    Handle goneSnapshot = remote(FileType.SNAPSHOT, bytes(12));
    Handle gonePack = remote(FileType.PACK, bytes(13));
    cached.cacheablePacks(name -> true);
    for (Handle h : List.of(keepIndex, goneIndex, goneSnapshot, gonePack)) {
      cached.load(h);
      assertThat(cacheFile(h)).exists();
    }
    for (Handle h : List.of(goneIndex, goneSnapshot, gonePack)) {
      mem.remove(h); // removed by another host
    }
    for (FileType type : List.of(FileType.INDEX, FileType.SNAPSHOT, FileType.PACK)) {
      listed(type);
    }
    assertThat(cacheFile(keepIndex)).exists();
    assertThat(cacheFile(goneIndex)).doesNotExist();
    assertThat(cacheFile(goneSnapshot)).doesNotExist();
    assertThat(cacheFile(gonePack)).doesNotExist();
  }

  @Test
  void removeDropsTheCacheEntryToo() throws Exception {
    Handle h = saveNamed(FileType.SNAPSHOT, bytes(40));
    assertThat(cacheFile(h)).exists();
    cached.remove(h);
    assertThat(cacheFile(h)).doesNotExist();
  }

  @Test
  void damagedOrPartialCacheFileIsDroppedAndFetchedAgain() throws Exception {
    byte[] data = bytes(2000);
    Handle h = remote(FileType.INDEX, data);
    cached.load(h);
    for (byte[] damage : List.of(bytes(2000), slice(data, 0, 1000))) {
      Files.write(cacheFile(h), damage);
      // a new process: nothing verified yet
      CachedBackend again = new CachedBackend(counting, Cache.open(base, REPO_ID));
      int before = counting.loads(h);
      assertThat(again.load(h)).isEqualTo(data);
      assertThat(counting.loads(h)).isEqualTo(before + 1);
      assertThat(Files.readAllBytes(cacheFile(h))).isEqualTo(data);
    }
  }

  @Test
  void concurrentLoadsOfOnePackDownloadItOnce() throws Exception {
    byte[] data = bytes(200_000);
    Handle h = remote(FileType.PACK, data);
    cached.cacheablePacks(name -> true);
    counting.delayLoads(200);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> got = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int off = i * 1000;
        got.add(pool.submit(() -> cached.load(h, off, 100)));
      }
      for (int i = 0; i < 8; i++) {
        assertThat(got.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(slice(data, i * 1000, 100));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(counting.loads(h)).isEqualTo(1);
  }

  @Test
  void withoutABoundCacheEverythingGoesToTheStore() throws Exception {
    CachedBackend unbound = new CachedBackend(counting);
    unbound.cacheablePacks(name -> true);
    Handle index = remote(FileType.INDEX, bytes(100));
    Handle pack = remote(FileType.PACK, bytes(100));
    for (int i = 0; i < 2; i++) {
      unbound.load(index);
      unbound.load(pack, 0, 10);
    }
    assertThat(counting.totalLoads()).isEqualTo(4);
    assertThat(unbound.cache()).isNull();
    assertThat(cacheFile(index)).doesNotExist();
  }

  @Test
  void cacheDirectoryIsTaggedAndPrivate() throws Exception {
    Handle h = saveNamed(FileType.PACK, bytes(10));
    cached.cacheablePacks(name -> true);
    Handle tree = saveNamed(FileType.PACK, bytes(10));
    assertThat(cacheFile(h)).doesNotExist();
    assertThat(Files.readString(base.resolve(Cache.TAG_FILE)))
        .startsWith("Signature: 8a477f597d28d172789f06886806bc55");
    assertThat(cached.cache().dir()).isEqualTo(base.resolve(REPO_ID));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile(tree))))
        .isEqualTo("rw-------");
    for (Path d : List.of(base, base.resolve(REPO_ID), cacheFile(tree).getParent())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
          .as("%s", d).isEqualTo("rwx------");
    }
    try (var names = Files.list(cacheFile(tree).getParent())) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly(tree.name());
    }
  }

  private static byte[] slice(byte[] data, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(data, off, out, 0, len);
    return out;
  }
}
