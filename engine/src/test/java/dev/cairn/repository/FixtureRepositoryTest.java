package dev.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.local.LocalBackend;
import dev.cairn.core.BlobType;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.pack.Compression;
import dev.cairn.pack.PackedBlob;
import dev.cairn.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens repositories written by restic 0.14 (fixtures) and reads every blob. */
class FixtureRepositoryTest {
  @TempDir Path tmp;

  private Repository open(String fixture, String dir, String password) throws Exception {
    Path root = Fixtures.extract(fixture, tmp).resolve(dir);
    return RepositoryOpener.open(LocalBackend.open(root), password, Compression.AUTO);
  }

  @Test
  void readsResticV2Repository() throws Exception {
    try (Repository repo = open("restic014-v2-testpol", "repo014", "testpass")) {
      assertThat(repo.config().version()).isEqualTo(2);
      assertThat(repo.config().chunkerPolynomial()).isEqualTo("3da3358b4dc173");
      assertThat(repo.config().id())
          .isEqualTo("c1f3c1ace91c10e6e359da7190d536890fe7f732bfa51a1fcfb0af77feb2cdf6");
      repo.loadIndex();
      assertThat(repo.index().size()).isEqualTo(8);
      List<PackedBlob> all = new ArrayList<>();
      repo.index().forEach(all::add);
      for (PackedBlob b : all) {
        byte[] plain = repo.loadBlob(b.type(), b.id());
        assertThat(Id.hash(plain)).isEqualTo(b.id());
      }
      byte[] emptyTree = repo.loadBlob(BlobType.TREE,
          Id.parse("ac08ce34ba4f8123618661bef2425f7028ffb9ac740578a3ee88684d2523fee8"));
      assertThat(new String(emptyTree, StandardCharsets.UTF_8)).isEqualTo("{\"nodes\":[]}\n");
      Id snap = repo.resolve(FileType.SNAPSHOT, "6ef808c2");
      String json = new String(repo.loadUnpacked(FileType.SNAPSHOT, snap), StandardCharsets.UTF_8);
      assertThat(json).startsWith("{\"time\":\"2026-11-26T15:31:27.681302117Z\",\"parent\":\"51e96a60");
    }
  }

  @Test
  void readsResticV1Repository() throws Exception {
    try (Repository repo = open("upstream-small-repo", "repo", "geheim")) {
      assertThat(repo.config().version()).isEqualTo(1);
      repo.loadIndex();
      List<PackedBlob> all = new ArrayList<>();
      repo.index().forEach(all::add);
      assertThat(all).isNotEmpty();
      for (PackedBlob b : all) {
        assertThat(Id.hash(repo.loadBlob(b.type(), b.id()))).isEqualTo(b.id());
      }
      assertThat(repo.list(FileType.SNAPSHOT)).hasSize(4);
    }
  }

  @Test
  void wrongPasswordIsReported() throws Exception {
    // extracted first: without the fixtures the test is skipped, not failed by the assumption
    Path root = Fixtures.extract("restic014-v2-testpol", tmp).resolve("repo014");
    assertThatThrownBy(
            () -> RepositoryOpener.open(LocalBackend.open(root), "nope", Compression.AUTO))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessageContaining("wrong password");
  }

  @Test
  void missingRepositoryIsReported() {
    assertThatThrownBy(
            () -> RepositoryOpener.open(new LocalBackend(tmp.resolve("none")), "x", Compression.AUTO))
        .isInstanceOf(NoRepositoryException.class)
        .hasMessageContaining("none/config");
  }
}
