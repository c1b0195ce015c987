package dev.cairn.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Backend} contract, run against every store: each store's test extends this class
 * and supplies {@link #newBackend}. The backend under test is created (via {@link
 * Backend#create}) before each test.
 */
public abstract class BackendContractTest {
  @TempDir protected Path tempDir;
  protected Backend backend;
  private final Random random = new Random(42);

  /** A new, not yet created store kept under {@code tempDir} (if it needs disk at all). */
  protected abstract Backend newBackend(Path tempDir) throws Exception;

  @BeforeEach
  void setUpBackend() throws Exception {
    backend = newBackend(tempDir);
    backend.create();
  }

  @AfterEach
  void closeBackend() throws Exception {
    backend.close();
  }

  /** Random bytes of length {@code n}. */
  protected byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Saves {@code data} under the hash of its bytes, as the repository does. */
  protected Handle saveNamed(FileType type, byte[] data) throws Exception {
    Handle h = new Handle(type, Id.hash(data).hex());
    backend.save(h, data, 0, data.length);
    return h;
  }

  /** Lists one kind of file as a map from name to size. */
  protected Map<String, Long> listed(FileType type) throws Exception {
    Map<String, Long> names = new HashMap<>();
    backend.list(type, fi -> assertThat(names.put(fi.name(), fi.size())).isNull());
    return names;
  }

  @Test
  void savedFileLoadsWhole() throws Exception {
    byte[] data = bytes(100_000);
    Handle h = saveNamed(FileType.PACK, data);
    assertThat(backend.load(h)).isEqualTo(data);
    assertThat(backend.load(h, 0, 0)).isEqualTo(data);
  }

  @Test
  void saveStoresOnlyTheGivenRange() throws Exception {
    byte[] data = bytes(1000);
    Handle h = new Handle(FileType.INDEX, Id.hash(data).hex());
    backend.save(h, data, 10, 500);
    assertThat(backend.load(h)).hasSize(500).startsWith(data[10], data[11]);
    assertThat(backend.stat(h)).isEqualTo(500);
  }

  @Test
  void saveFromAFileStoresItsFirstBytes() throws Exception {
    byte[] data = bytes(3 << 20);
    Path file = tempDir.resolve("spool");
    java.nio.file.Files.write(file, data);
    Handle h = new Handle(FileType.PACK, Id.hash(slice(data, 0, 2 << 20)).hex());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      backend.save(h, ch, 2 << 20);
      assertThat(ch.position()).isZero();
    }
    assertThat(backend.load(h)).isEqualTo(slice(data, 0, 2 << 20));
    assertThat(backend.stat(h)).isEqualTo(2 << 20);
  }

  @Test
  void savingAFileUnderAnExistingNameFails() throws Exception {
    byte[] data = bytes(1000);
    Handle h = saveNamed(FileType.PACK, data);
    Path file = tempDir.resolve("other-spool");
    java.nio.file.Files.write(file, bytes(2000));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThatThrownBy(() -> backend.save(h, ch, 2000))
          .isInstanceOf(FileAlreadyExistsException.class)
          .hasMessageContaining(h.name());
    }
    assertThat(backend.load(h)).isEqualTo(data);
  }

  @Test
  void loadReadsARange() throws Exception {
    byte[] data = bytes(5000);
    Handle h = saveNamed(FileType.PACK, data);
    assertThat(backend.load(h, 100, 50)).isEqualTo(slice(data, 100, 50));
    assertThat(backend.load(h, 4000, 0)).isEqualTo(slice(data, 4000, 1000));
    assertThat(backend.load(h, 4999, 1)).isEqualTo(slice(data, 4999, 1));
    assertThat(backend.load(h, 5000, 0)).isEmpty();
  }

  @Test
  void loadIntoACallersBuffer() throws Exception {
    byte[] data = bytes(3 << 20);
    Handle h = saveNamed(FileType.PACK, data);
    byte[] dst = new byte[(3 << 20) + 10];
    backend.load(h, 1000, dst, 7, (2 << 20) + 5);
    assertThat(slice(dst, 7, (2 << 20) + 5)).isEqualTo(slice(data, 1000, (2 << 20) + 5));
    assertThatThrownBy(() -> backend.load(h, (3 << 20) - 1, dst, 0, 2))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void loadPastTheEndFails() throws Exception {
    Handle h = saveNamed(FileType.PACK, bytes(100));
    assertThatThrownBy(() -> backend.load(h, 90, 11))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining(h.name());
    assertThatThrownBy(() -> backend.load(h, 101, 0)).isInstanceOf(EOFException.class);
  }

  @Test
  void statGivesTheSize() throws Exception {
    Handle h = saveNamed(FileType.SNAPSHOT, bytes(1234));
    assertThat(backend.stat(h)).isEqualTo(1234);
    Handle empty = new Handle(FileType.LOCK, Id.hash(new byte[0]).hex());
    backend.save(empty, new byte[0], 0, 0);
    assertThat(backend.stat(empty)).isZero();
  }

  @Test
  void missingFileIsNoSuchFile() {
    Handle h = new Handle(FileType.PACK, Id.hash(new byte[] {1}).hex());
    assertThatThrownBy(() -> backend.load(h))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(h.name());
    assertThatThrownBy(() -> backend.load(h, 5, 5)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> backend.stat(h)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> backend.remove(h)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> backend.load(Handle.CONFIG)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void savingAnExistingNameFails() throws Exception {
    byte[] data = bytes(10);
    Handle h = saveNamed(FileType.KEY, data);
    byte[] other = bytes(20);
    assertThatThrownBy(() -> backend.save(h, other, 0, other.length))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining(h.name());
    assertThat(backend.load(h)).isEqualTo(data);
    assertThat(listed(FileType.KEY)).containsOnlyKeys(h.name());
  }

  @Test
  void listReportsEachKindSeparately() throws Exception {
    Map<FileType, Map<String, Long>> want = new HashMap<>();
    for (FileType type : List.of(FileType.KEY, FileType.LOCK, FileType.SNAPSHOT,
        FileType.INDEX, FileType.PACK)) {
      Map<String, Long> names = new HashMap<>();
      for (int i = 0; i < 3; i++) {
        Handle h = saveNamed(type, bytes(10 + i));
        names.put(h.name(), 10L + i);
      }
      want.put(type, names);
    }
    for (FileType type : want.keySet()) {
      assertThat(listed(type)).as("%s", type).isEqualTo(want.get(type));
    }
    assertThat(listed(FileType.CONFIG)).isEmpty();
  }

  @Test
  void listFindsPacksUnderEveryPrefix() throws Exception {
    Map<String, Long> want = new HashMap<>();
    for (String prefix : List.of("00", "0f", "a7", "ff")) {
      String name = prefix + Id.hash(bytes(8)).hex().substring(2);
      backend.save(new Handle(FileType.PACK, name), new byte[7], 0, 7);
      want.put(name, 7L);
    }
    assertThat(listed(FileType.PACK)).isEqualTo(want);
  }

  @Test
  void listSkipsNamesThatAreNotIds() throws Exception {
    Handle good = saveNamed(FileType.SNAPSHOT, bytes(5));
    String upper = Id.hash(bytes(5)).hex().toUpperCase();
    for (String name : List.of("README", upper, good.name() + "x", good.name().substring(1))) {
      backend.save(new Handle(FileType.SNAPSHOT, name), new byte[1], 0, 1);
    }
    assertThat(listed(FileType.SNAPSHOT)).containsOnlyKeys(good.name());
  }

  @Test
  void listReportsMoreThanAThousandFiles() throws Exception {
    Map<String, Long> want = new HashMap<>();
    for (int i = 0; i < 1100; i++) {
      byte[] data = bytes(8 + i % 7);
      Handle h = saveNamed(i % 2 == 0 ? FileType.INDEX : FileType.PACK, data);
      if (h.type() == FileType.PACK) {
        want.put(h.name(), (long) data.length);
      }
    }
    Map<String, Long> packs = listed(FileType.PACK);
    assertThat(packs).hasSize(550).isEqualTo(want);
    assertThat(listed(FileType.INDEX)).hasSize(550);
  }

  @Test
  void removedFileIsGone() throws Exception {
    Handle keep = saveNamed(FileType.PACK, bytes(10));
    Handle drop = saveNamed(FileType.PACK, bytes(11));
    backend.remove(drop);
    assertThat(listed(FileType.PACK)).containsOnlyKeys(keep.name());
    assertThatThrownBy(() -> backend.stat(drop)).isInstanceOf(NoSuchFileException.class);
    // written once, but a removed name may be written again
    byte[] again = bytes(3);
    backend.save(drop, again, 0, again.length);
    assertThat(backend.load(drop)).isEqualTo(again);
  }

  @Test
  void removeIfPresentRemovesAndAcceptsAMissingFile() throws Exception {
    Handle keep = saveNamed(FileType.PACK, bytes(12));
    Handle drop = saveNamed(FileType.PACK, bytes(13));
    backend.removeIfPresent(drop);
    assertThat(listed(FileType.PACK)).containsOnlyKeys(keep.name());
    assertThatThrownBy(() -> backend.stat(drop)).isInstanceOf(NoSuchFileException.class);
    backend.removeIfPresent(drop);
    backend.removeIfPresent(new Handle(FileType.SNAPSHOT, Id.hash(new byte[] {2}).hex()));
    assertThat(listed(FileType.PACK)).containsOnlyKeys(keep.name());
  }

  @Test
  void concurrentSavesAllLand() throws Exception {
    int threads = 8;
    int perThread = 20;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < threads * perThread; i++) {
      contents.add(bytes(1000 + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<byte[]> mine = contents.subList(t * perThread, (t + 1) * perThread);
        done.add(pool.submit(() -> {
          for (byte[] data : mine) {
            saveNamed(FileType.PACK, data);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Long> packs = listed(FileType.PACK);
    assertThat(packs).hasSize(threads * perThread);
    for (byte[] data : contents) {
      assertThat(backend.load(new Handle(FileType.PACK, Id.hash(data).hex()))).isEqualTo(data);
    }
  }

  @Test
  void configRoundTrips() throws Exception {
    byte[] config = bytes(200);
    backend.save(Handle.CONFIG, config, 0, config.length);
    assertThat(backend.load(Handle.CONFIG)).isEqualTo(config);
    assertThat(backend.stat(Handle.CONFIG)).isEqualTo(200);
    assertThatThrownBy(() -> backend.save(Handle.CONFIG, config, 0, config.length))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void createFailsOnceConfigExists() throws Exception {
    backend.create(); // no config yet: creating again is harmless
    backend.save(Handle.CONFIG, new byte[] {1}, 0, 1);
    assertThatThrownBy(() -> backend.create())
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("config");
  }

  @Test
  void reportsItsConnectionsAndLocation() {
    assertThat(backend.connections()).isPositive();
    assertThat(backend.location()).isNotBlank();
  }

  private static byte[] slice(byte[] data, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(data, off, out, 0, len);
    return out;
  }
}
