package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a mover or a prune killed with SIGKILL while it holds its lock (a deleted pod, a
 * lost node) does not block the next run: the lock of a process that is gone is removed with a
 * warning, the run goes on, and {@code restic check} accepts the repository.
 */
class KilledMoverTest {
  @TempDir Path tmp;

  /** Starts {@code cairn args...} in its own JVM and SIGKILLs it once it holds its lock. */
  private static void killWhileLocked(Path repo, Path log, MoverHarness env, String... args)
      throws Exception {
    ProcessBuilder pb = Acceptance.cairnProcess(repo, Acceptance.classPath(), log, args);
    if (env != null) {
      pb.environment().putAll(env.environment());
    }
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (locks(repo) == 0) {
      assertThat(p.isAlive()).as("still running; %s", Acceptance.read(Acceptance.errLog(log)))
          .isTrue();
      assertThat(System.nanoTime()).as("takes its lock").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(p.isAlive()).isTrue();
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(locks(repo)).as("the killed process's lock stays").isEqualTo(1);
  }

  /** Lock files (not the temporary files a save in progress writes first). */
  private static long locks(Path repo) throws Exception {
    if (!Files.isDirectory(repo.resolve("locks"))) {
      return 0;
    }
    return Acceptance.lockFiles(repo).stream()
        .filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).count();
  }

  @Test
  void aMoverKilledDuringBackupDoesNotBlockTheNextOne() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("volume"));
    Random rnd = new Random(7);
    for (int i = 0; i < 4; i++) {
      Acceptance.writeRandom(data.resolve("big/f" + i + ".bin"), 8 << 20, rnd);
    }
    Path repo = tmp.resolve("repo");
    MoverHarness mover = new MoverHarness(tmp, data, repo.toString(), Acceptance.PASSWORD);
    // the repository exists: the killed run is inside its backup, not its init
    new Cli(repo, Acceptance.PASSWORD).run("init").assertOk();

    killWhileLocked(repo, tmp.resolve("killed.log"), mover, "mover", "backup");

    MoverHarness.Run next = mover.run("backup").assertOutcome("ok", 0);
    assertThat(next.stderr()).contains("removed stale lock", "is gone");
    assertThat(locks(repo)).isZero();
    ResticBinary restic = ResticBinary.require();
    restic.run(repo, Acceptance.PASSWORD, "check", "--read-data").assertOk();
    assertThat(restic.run(repo, Acceptance.PASSWORD, "snapshots").assertOk().stdoutText())
        .contains("1 snapshots");
  }

  @Test
  void commandsAfterAKilledPruneGoOnWithAWarning() throws Exception {
    Path repo = tmp.resolve("repo");
    Cli cli = new Cli(repo, Acceptance.PASSWORD);
    cli.run("init").assertOk();
    Path src = S3Accept.tree(tmp.resolve("src"), 3, 2, 20);
    cli.run("backup", src.toString()).assertOk();

    killWhileLocked(repo, tmp.resolve("prune1.log"), null, "prune");
    Cli.Result backup = cli.run("backup", src.toString()).assertOk();
    assertThat(backup.stderr()).contains("removed stale exclusive lock", "is gone");

    killWhileLocked(repo, tmp.resolve("prune2.log"), null, "prune");
    Cli.Result prune = cli.run("prune").assertOk();
    assertThat(prune.stderr()).contains("removed stale exclusive lock", "is gone");

    assertThat(locks(repo)).isZero();
    ResticBinary.require().run(repo, Acceptance.PASSWORD, "check", "--read-data").assertOk();
  }
}
