package dev.cairn.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FilterBackend;
import dev.cairn.backend.Handle;
import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.crypto.KdfParams;
import dev.cairn.pack.Compression;
import dev.cairn.repository.Config;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upgrade_repo_v2} on an in-memory store, also when the store fails the config save. */
class MigrateUpgradeRepoV2Test {
  private static final KdfParams FAST = new KdfParams(1024, 8, 1);
  private static final String POLYNOMIAL = "3da3358b4dc173";

  @TempDir Path tmp;

  /**
   * Lets the first {@code passing} config saves through, fails the next {@code failing} ones,
   * then lets the rest through; fails config removals when asked. Other files pass through.
   */
  private static final class FailingConfig extends FilterBackend {
    private int passing;
    private int failing;
    private boolean failRemove;

    FailingConfig(Backend inner, int passing, int failing) {
      super(inner);
      this.passing = passing;
      this.failing = failing;
    }

    @Override
    public void save(Handle h, byte[] data, int off, int len) throws IOException {
      if (h.equals(Handle.CONFIG)) {
        if (passing > 0) {
          passing--;
        } else if (failing > 0) {
          failing--;
          throw new IOException("failure induced for testing: save " + h);
        }
      }
      super.save(h, data, off, len);
    }

    @Override
    public void remove(Handle h) throws IOException {
      if (h.equals(Handle.CONFIG) && failRemove) {
        throw new IOException("failure induced for testing: remove " + h);
      }
      super.remove(h);
    }
  }

  private UpgradeRepoV2 migration() {
    return new UpgradeRepoV2(new ConfigReplacer(tmp));
  }

  private static Repository initV1(Backend be) throws IOException {
    return RepositoryOpener.init(be, "pw", 1, POLYNOMIAL, FAST);
  }

  private static Repository open(Backend be) throws IOException {
    return RepositoryOpener.open(be, "pw", Compression.AUTO);
  }

  private long leftovers() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.count();
    }
  }

  @Test
  void upgradesVersion1KeepingIdAndPolynomial() throws Exception {
    MemBackend be = new MemBackend();
    Repository repo = initV1(be);
    Id snapshot = repo.saveUnpacked(FileType.SNAPSHOT, "{\"v1\":true}".getBytes());
    UpgradeRepoV2 m = migration();
    assertThat(m.check(repo)).isEqualTo(Applicability.yes());

    m.apply(repo);

    Repository again = open(be);
    assertThat(again.config()).isEqualTo(new Config(2, repo.config().id(), POLYNOMIAL));
    assertThat(again.loadUnpacked(FileType.SNAPSHOT, snapshot))
        .isEqualTo("{\"v1\":true}".getBytes());
    // check reads the stored config, not the one the repository was opened with
    assertThat(m.check(repo).applies()).isFalse();
    assertThat(leftovers()).isZero();
  }

  @Test
  void refusesVersion2WithTheReason() throws Exception {
    Repository repo = RepositoryOpener.init(new MemBackend(), "pw", 2, POLYNOMIAL, FAST);
    assertThat(migration().check(repo))
        .isEqualTo(Applicability.no("repository is already upgraded to version 2"));
  }

  @Test
  void failedSavePutsTheOldConfigBack() throws Exception {
    MemBackend mem = new MemBackend();
    FailingConfig be = new FailingConfig(mem, 1, 1);
    Repository repo = initV1(be);
    byte[] before = mem.load(Handle.CONFIG);

    assertThatThrownBy(() -> migration().apply(repo))
        .isInstanceOfSatisfying(ConfigReplaceException.class, e -> {
          assertThat(e.getCause()).hasMessageContaining("failure induced");
          assertThat(e.restoreFailure()).isEmpty();
          assertThat(e).hasMessageContaining("re-uploading the old config was successful")
              .hasMessageContaining(e.backupFile().toString());
          assertThat(readBytes(e.backupFile())).isEqualTo(before);
        });

    // the failing save was the second one: the old config was removed and saved again
    assertThat(mem.load(Handle.CONFIG)).isEqualTo(before);
    assertThat(open(mem).config()).isEqualTo(repo.config());
  }

  @Test
  void whenTheOldConfigCannotBePutBackTheLocalCopyRestoresIt() throws Exception {
    MemBackend mem = new MemBackend();
    FailingConfig be = new FailingConfig(mem, 1, Integer.MAX_VALUE);
    Repository repo = initV1(be);
    byte[] before = mem.load(Handle.CONFIG);

    ConfigReplaceException e =
        catchThrowableOfType(() -> migration().apply(repo), ConfigReplaceException.class);
    assertThat(e.restoreFailure()).get().asString().contains("failure induced");
    assertThat(e).hasMessageContaining("re-uploading the old config failed as well")
        .hasMessageContaining(e.backupFile().toString());
    assertThatThrownBy(() -> mem.load(Handle.CONFIG)).isInstanceOf(NoSuchFileException.class);

    byte[] copy = readBytes(e.backupFile());
    assertThat(copy).isEqualTo(before);
    mem.save(Handle.CONFIG, copy, 0, copy.length);
    assertThat(open(mem).config()).isEqualTo(repo.config());
  }

  @Test
  void failedRemoveLeavesTheConfigAlone() throws Exception {
    MemBackend mem = new MemBackend();
    FailingConfig be = new FailingConfig(mem, 1, 1);
    Repository repo = initV1(be);
    byte[] before = mem.load(Handle.CONFIG);
    be.failRemove = true;

    assertThatThrownBy(() -> migration().apply(repo))
        .isInstanceOfSatisfying(ConfigReplaceException.class,
            e -> assertThat(e.restoreFailure()).isEmpty())
        .hasRootCauseMessage("failure induced for testing: remove config");
    assertThat(mem.load(Handle.CONFIG)).isEqualTo(before);
  }

  @Test
  void noPlaceForTheCopyChangesNothing() throws Exception {
    MemBackend mem = new MemBackend();
    Repository repo = initV1(mem);
    byte[] before = mem.load(Handle.CONFIG);
    Path missing = tmp.resolve("missing");

    assertThatThrownBy(() -> new UpgradeRepoV2(new ConfigReplacer(missing)).apply(repo))
        .isNotInstanceOf(ConfigReplaceException.class)
        .hasMessageContaining("unable to keep a copy of the config below " + missing);
    assertThat(mem.load(Handle.CONFIG)).isEqualTo(before);
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
