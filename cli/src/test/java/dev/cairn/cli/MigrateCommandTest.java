package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.backend.local.LocalBackend;
import dev.cairn.pack.Compression;
import dev.cairn.repository.Config;
import dev.cairn.repository.Lock;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn migrate}: listing, refusals, {@code --force}, the lock and the check first. */
class MigrateCommandTest {
  @TempDir Path tmp;

  private Path init(String version) {
    Path repo = tmp.resolve("repo");
    new Cli(repo, PASSWORD).run("init", "--repository-version", version).assertOk();
    return repo;
  }

  private static byte[] config(Path repo) throws IOException {
    return Files.readAllBytes(repo.resolve("config"));
  }

  private static Config openedConfig(Path repo) throws IOException {
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO)) {
      return r.config();
    }
  }

  @Test
  void refusesARepositoryThatIsAlreadyVersion2() throws Exception {
    Path repo = init("2");
    byte[] before = config(repo);

    Cli.Result r = new Cli(repo, PASSWORD).run("migrate", "upgrade_repo_v2");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("migration upgrade_repo_v2 cannot be applied: "
        + "repository is already upgraded to version 2\n"
        + "If you want to apply this migration anyway, re-run with option --force");
    assertThat(r.stdout()).doesNotContain("applying migration");
    assertThat(config(repo)).isEqualTo(before);
    assertThat(Acceptance.lockFiles(repo)).isEmpty();
    assertThat(new Cli(repo, PASSWORD).run("migrate").assertOk().stdout())
        .isEqualTo("available migrations:\nno migrations found\n");
  }

  @Test
  void forceRewritesTheSameConfig() throws Exception {
    Path repo = init("2");
    Config before = openedConfig(repo);

    Cli.Result r = new Cli(repo, PASSWORD).env("TMPDIR", tmp.toString())
        .run("migrate", "--force", "upgrade_repo_v2").assertOk();

    assertThat(r.stderr()).contains("check for migration upgrade_repo_v2 failed, continuing anyway");
    assertThat(r.stdout()).contains("migration upgrade_repo_v2: success");
    assertThat(openedConfig(repo)).isEqualTo(before);
  }

  @Test
  void unknownMigrationIsNamed() throws Exception {
    Path repo = init("1");
    byte[] before = config(repo);

    Cli.Result r = new Cli(repo, PASSWORD).run("migrate", "bogus");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("Fatal: unknown migration \"bogus\" (available: upgrade_repo_v2)");
    assertThat(config(repo)).isEqualTo(before);
  }

  @Test
  void lockHeldByAnotherProcessExits11() throws Exception {
    Path repo = init("1");
    byte[] before = config(repo);
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO);
        Lock held = Lock.acquire(r, false, Duration.ZERO)) {
      assertThat(new Cli(repo, PASSWORD).run("migrate", "upgrade_repo_v2").exitCode())
          .isEqualTo(11);
      // listing takes the exclusive lock too, as restic's does
      assertThat(new Cli(repo, PASSWORD).run("migrate").exitCode()).isEqualTo(11);
    }
    assertThat(config(repo)).isEqualTo(before);
  }

  @Test
  void repositoryWithErrorsIsNotMigrated() throws Exception {
    Path repo = init("1");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "some data");
    new Cli(repo, PASSWORD).run("backup", src.toString()).assertOk();
    try (Stream<Path> packs = Files.walk(repo.resolve("data"))) {
      for (Path p : packs.filter(Files::isRegularFile).toList()) {
        Files.delete(p);
      }
    }
    byte[] before = config(repo);

    Cli.Result r = new Cli(repo, PASSWORD).run("migrate", "upgrade_repo_v2");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).contains("checking repository integrity...")
        .doesNotContain("applying migration");
    assertThat(r.stderr()).contains("Fatal: repository contains errors");
    assertThat(config(repo)).isEqualTo(before);
    assertThat(Acceptance.lockFiles(repo)).isEmpty();
  }

  @Test
  void missingRepositoryExits10() {
    assertThat(new Cli(tmp.resolve("nope"), PASSWORD).run("migrate").exitCode()).isEqualTo(10);
  }

  @Test
  void helpDescribesTheMigration() {
    Cli.Result r = new Cli(tmp.resolve("nope"), PASSWORD).run("migrate", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("upgrade_repo_v2").contains("--force");
    assertThat(new Cli(tmp.resolve("nope"), PASSWORD).run("--help").stdout()).contains("migrate");
  }
}
