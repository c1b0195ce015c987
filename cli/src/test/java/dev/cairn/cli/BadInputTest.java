package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.backend.local.LocalBackend;
import dev.cairn.core.HostIdentity;
import dev.cairn.pack.Compression;
import dev.cairn.repository.Lock;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: bad passwords, missing repositories and targets, and lock conflicts. */
class BadInputTest {
  @TempDir Path tmp;

  private Path initRepo() {
    Path repo = tmp.resolve("repo");
    new Cli(repo, PASSWORD).run("init").assertOk();
    return repo;
  }

  private Path sourceTree() throws Exception {
    Path src = tmp.resolve("src");
    Random rnd = new Random(7);
    Acceptance.writeRandom(src.resolve("a.bin"), 100_000, rnd);
    Acceptance.writeRandom(src.resolve("d/b.bin"), 3_000, rnd);
    Files.writeString(src.resolve("d/c.txt"), "hello");
    return src;
  }

  @Test
  void wrongPasswordExits12AndSaysSo() throws Exception {
    Path repo = initRepo();
    Path src = sourceTree();
    for (String[] args : new String[][] {
        {"snapshots"}, {"backup", src.toString()}, {"restore", "latest", "--target",
            tmp.resolve("out").toString()}, {"cat", "config"}}) {
      Cli.Result r = new Cli(repo, "not-the-password").run(args);
      assertThat(r.exitCode()).as("exit of %s", String.join(" ", args))
          .isEqualTo(12);
      assertThat(r.stderr()).as("stderr of %s", args[0]).contains("wrong password");
    }
    // nothing was written by the failed backup: no snapshot, no lock
    assertThat(Acceptance.lockFiles(repo)).isEmpty();
    assertThat(new Cli(repo, PASSWORD).run("snapshots").assertOk().stdout())
        .contains("0 snapshots");
  }

  @Test
  void missingRepositoryExits10NamingTheLocation() throws Exception {
    Path src = sourceTree();
    Path nowhere = tmp.resolve("no-such-repo");
    Path emptyDir = Files.createDirectories(tmp.resolve("empty-dir"));
    for (Path repo : new Path[] {nowhere, emptyDir}) {
      for (String[] args : new String[][] {{"snapshots"}, {"backup", src.toString()},
          {"restore", "latest", "--target", tmp.resolve("out").toString()}}) {
        Cli.Result r = new Cli(repo, PASSWORD).run(args);
        assertThat(r.exitCode()).as("exit of %s on %s", args[0], repo).isEqualTo(10);
        assertThat(r.stderr()).as("stderr of %s", args[0]).contains(repo.toString());
      }
    }
    // a failed command must not create the repository directory
    assertThat(nowhere).doesNotExist();
    try (var s = Files.list(emptyDir)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void missingTargetAmongExistingOnesWarnsExits3AndSavesSnapshot() throws Exception {
    Path repo = initRepo();
    Path src = sourceTree();
    Path missing = tmp.resolve("gone");
    Cli.Result r = new Cli(repo, PASSWORD).run("backup", src.toString(), missing.toString());
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(3);
    assertThat(r.stderr()).contains(missing.toString());
    assertThat(r.stdout()).contains("snapshot ").contains(" saved");

    Cli.Result snaps = new Cli(repo, PASSWORD).run("snapshots", "--json").assertOk();
    assertThat(snaps.stdout()).contains(src.toString());

    Path out = tmp.resolve("out");
    new Cli(repo, PASSWORD).run("restore", "latest", "--target", out.toString()).assertOk();
    Acceptance.assertSameContents(Acceptance.contents(src),
        Acceptance.contents(Acceptance.restoredRoot(out, src)));

    ResticBinary restic = ResticBinary.require();
    restic.check(repo, PASSWORD, true).assertOk();
  }

  @Test
  void heldExclusiveLockMakesBackupExit11NamingHolder() throws Exception {
    Path repo = initRepo();
    Path src = sourceTree();
    HostIdentity me = HostIdentity.current();
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO);
        Lock held = Lock.acquire(r, true, Duration.ZERO)) {
      Cli.Result b = new Cli(repo, PASSWORD).run("backup", src.toString());
      assertThat(b.exitCode()).as(b.stdout() + b.stderr()).isEqualTo(11);
      assertThat(b.stderr())
          .contains("locked")
          .contains("PID " + me.pid())
          .contains(me.hostname());
      // the failed backup left only the holder's lock and no snapshot
      assertThat(Acceptance.lockFiles(repo)).hasSize(1);
      assertThat(Files.list(repo.resolve("snapshots")).count()).isZero();
      // restic honours the lock too
      ResticBinary restic = ResticBinary.require();
      ResticBinary.Result check = restic.check(repo, PASSWORD, false);
      assertThat(check.exitCode()).isNotZero();
      assertThat(check.stderr()).contains("locked");
    }
    assertThat(Acceptance.lockFiles(repo)).isEmpty();
    new Cli(repo, PASSWORD).run("backup", src.toString()).assertOk();
  }
}
