package dev.cairn.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendContractTest;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link Backend} contract against {@link LocalBackend}, and checks what restic expects
 * on disk: the layout, the modes, and that temporary files stay invisible. Assumes a POSIX file
 * system, as the build machines have.
 */
class LocalBackendTest extends BackendContractTest {
  private Path repo;

  @Override
  protected Backend newBackend(Path tempDir) throws IOException {
    repo = tempDir.resolve("repo");
    return new LocalBackend(repo);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void createMakesTheTypeDirectoriesAndAll256DataShards() throws IOException {
    for (String dir : List.of("keys", "locks", "snapshots", "index", "data")) {
      assertThat(repo.resolve(dir)).isDirectory();
      assertThat(mode(repo.resolve(dir))).as(dir).isEqualTo("rwx------");
    }
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < 256; i++) {
      Path shard = repo.resolve("data").resolve(hex.toHexDigits((byte) i));
      assertThat(shard).isDirectory();
      assertThat(mode(shard)).isEqualTo("rwx------");
    }
    try (Stream<Path> shards = Files.list(repo.resolve("data"))) {
      assertThat(shards).hasSize(256);
    }
    assertThat(repo.resolve("config")).doesNotExist();
  }

  @Test
  void savedFilesAreReadOnlyAndInTheirShard() throws Exception {
    Handle pack = saveNamed(FileType.PACK, bytes(100));
    Handle snapshot = saveNamed(FileType.SNAPSHOT, bytes(10));
    backend.save(Handle.CONFIG, new byte[] {1}, 0, 1);
    Path packFile = repo.resolve("data").resolve(pack.name().substring(0, 2)).resolve(pack.name());
    assertThat(packFile).hasSize(100);
    assertThat(mode(packFile)).isEqualTo("r--------");
    assertThat(mode(repo.resolve("snapshots").resolve(snapshot.name()))).isEqualTo("r--------");
    assertThat(mode(repo.resolve("config"))).isEqualTo("r--------");
  }

  @Test
  void removeWorksOnAReadOnlyFile() throws Exception {
    Handle h = saveNamed(FileType.INDEX, bytes(10));
    backend.remove(h);
    assertThat(repo.resolve("index").resolve(h.name())).doesNotExist();
  }

  @Test
  void saveLeavesNoTemporaryFiles() throws Exception {
    for (int i = 0; i < 20; i++) {
      saveNamed(i % 2 == 0 ? FileType.PACK : FileType.LOCK, bytes(50));
    }
    try (Stream<Path> all = Files.walk(repo)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("-tmp-"));
    }
  }

  @Test
  void aFailedSaveLeavesNothingBehind() throws Exception {
    Handle h = new Handle(FileType.PACK, Id.hash(new byte[3]).hex());
    assertThatThrownBy(() -> backend.save(h, new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    try (Stream<Path> shard = Files.list(repo.resolve("data").resolve(h.name().substring(0, 2)))) {
      assertThat(shard).isEmpty();
    }
  }

  @Test
  void listIgnoresStaleTemporaryAndForeignFiles() throws Exception {
    Handle pack = saveNamed(FileType.PACK, bytes(30));
    Handle key = saveNamed(FileType.KEY, bytes(30));
    Path shard = repo.resolve("data").resolve(pack.name().substring(0, 2));
    String other = Id.hash(bytes(4)).hex();
    // a save that died after writing its temporary file, and junk in every directory
    Files.write(shard.resolve(other + "-tmp-123456"), new byte[5]);
    Files.write(repo.resolve("keys").resolve(key.name() + "-tmp-99"), new byte[5]);
    Files.write(repo.resolve("keys").resolve(".DS_Store"), new byte[5]);
    Files.write(repo.resolve("data").resolve(other), new byte[5]); // not in a shard
    Files.createDirectory(repo.resolve("snapshots").resolve(other)); // a directory, not a file
    Files.createDirectories(repo.resolve("data").resolve("zz"));
    Files.write(repo.resolve("data").resolve("zz").resolve("notes.txt"), new byte[5]);
    assertThat(listed(FileType.PACK)).containsOnlyKeys(pack.name());
    assertThat(listed(FileType.KEY)).containsOnlyKeys(key.name());
    assertThat(listed(FileType.SNAPSHOT)).isEmpty();
    // the stale temporary file does not block saving the same name
    byte[] data = bytes(9);
    backend.save(new Handle(FileType.PACK, other), data, 0, data.length);
    assertThat(backend.load(new Handle(FileType.PACK, other))).isEqualTo(data);
  }

  @Test
  void findsAPackWrittenByRestic() throws Exception {
    byte[] data = bytes(77);
    String name = "ab" + Id.hash(data).hex().substring(2);
    Path file = repo.resolve("data/ab").resolve(name);
    Files.write(file, data);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    LocalBackend reopened = LocalBackend.open(repo);
    Handle h = new Handle(FileType.PACK, name);
    assertThat(listed(FileType.PACK)).containsEntry(name, 77L);
    assertThat(reopened.load(h, 7, 10)).containsExactly(slice(data, 7, 10));
    assertThat(reopened.stat(h)).isEqualTo(77);
  }

  @Test
  void toleratesAnOldRepositoryWithoutLocksAndWithTmp() throws Exception {
    Files.delete(repo.resolve("locks"));
    Files.createDirectory(repo.resolve("tmp"));
    Files.write(repo.resolve("tmp").resolve(Id.hash(new byte[1]).hex()), new byte[1]);
    assertThat(listed(FileType.LOCK)).isEmpty();
    // saving a lock makes the missing directory again
    Handle lock = saveNamed(FileType.LOCK, bytes(12));
    assertThat(listed(FileType.LOCK)).containsOnlyKeys(lock.name());
    assertThat(mode(repo.resolve("locks"))).isEqualTo("rwx------");
    Files.delete(repo.resolve("data/ab"));
    Handle pack = new Handle(FileType.PACK, "ab" + "0".repeat(62));
    backend.save(pack, new byte[3], 0, 3);
    assertThat(listed(FileType.PACK)).containsOnlyKeys(pack.name());
  }

  @Test
  void toleratesARepositoryWithoutData() throws Exception {
    Path empty = tempDir.resolve("empty");
    Files.createDirectory(empty);
    LocalBackend b = LocalBackend.open(empty);
    b.list(FileType.PACK, fi -> { throw new AssertionError(fi); });
    b.list(FileType.INDEX, fi -> { throw new AssertionError(fi); });
  }

  @Test
  void openFailsOnAMissingDirectory() {
    Path missing = tempDir.resolve("missing");
    assertThatThrownBy(() -> LocalBackend.open(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void errorsNameThePath() throws Exception {
    Handle h = new Handle(FileType.SNAPSHOT, Id.hash(new byte[2]).hex());
    assertThatThrownBy(() -> backend.load(h))
        .hasMessageContaining(repo.resolve("snapshots").resolve(h.name()).toString());
    backend.save(Handle.CONFIG, new byte[1], 0, 1);
    assertThatThrownBy(() -> backend.create())
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining(repo.resolve("config").toString());
  }

  @Test
  void rejectsNamesThatLeaveTheRepository() {
    for (String name : List.of("../config", "..", "a", "ab/cd")) {
      assertThatThrownBy(() -> backend.stat(new Handle(FileType.KEY, name)))
          .as(name).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void groupReadableConfigGivesGroupModes() throws Exception {
    Files.write(repo.resolve("config"), new byte[1]);
    Files.setPosixFilePermissions(
        repo.resolve("config"), PosixFilePermissions.fromString("r--r-----"));
    Files.delete(repo.resolve("data/cd"));
    LocalBackend group = LocalBackend.open(repo);
    Handle h = new Handle(FileType.PACK, "cd" + "1".repeat(62));
    group.save(h, new byte[2], 0, 2);
    Path file = repo.resolve("data/cd").resolve(h.name());
    assertThat(mode(file)).isEqualTo("r--r-----");
    // the umask (usually 022) may clear group-write from the new directory
    assertThat(mode(repo.resolve("data/cd"))).startsWith("rwxr-x");
  }

  private static byte[] slice(byte[] data, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(data, off, out, 0, len);
    return out;
  }
}
