package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.HostIdentity;
import dev.cairn.testing.ResticBinary;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: while {@code restic backup} holds its (non-exclusive) lock, {@code cairn prune}
 * refuses with exit 11 naming the holder; with {@code --retry-lock} it waits for the lock to go
 * and then prunes.
 */
class PruneLockTest {
  @TempDir Path tmp;

  @Test
  void pruneRefusesWhileResticBackupHoldsALockAndWaitsWithRetryLock() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    Cli cli = new Cli(repo, PASSWORD);
    cli.run("init").assertOk();
    Path src = tmp.resolve("src");
    Acceptance.writeRandom(src.resolve("a.bin"), 100_000, new java.util.Random(1));
    cli.run("backup", src.toString()).assertOk();

    Process holder = Acceptance.resticHoldingLock(restic, repo, PASSWORD);
    try {
      Thread.sleep(1100);
      Cli.Result refused = cli.run("prune");
      assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(11);
      assertThat(refused.stderr())
          .contains("PID " + holder.pid())
          .contains(HostIdentity.current().hostname())
          .containsPattern("\\(\\d+s ago\\)");

      long started = System.nanoTime();
      CompletableFuture<Cli.Result> waiting =
          CompletableFuture.supplyAsync(() -> cli.run("prune", "--retry-lock", "2m"));
      Thread.sleep(3000);
      assertThat(waiting).as("prune waits while the lock is held").isNotDone();
      try (OutputStream stdin = holder.getOutputStream()) {
        stdin.write("the data restic was waiting for\n".getBytes());
      }
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(holder.exitValue()).isZero();
      Cli.Result waited = waiting.get(120, TimeUnit.SECONDS);
      waited.assertOk();
      assertThat(System.nanoTime() - started).isGreaterThan(TimeUnit.SECONDS.toNanos(3));
      assertThat(waited.stdout()).contains("done");
    } finally {
      holder.destroyForcibly();
    }
    assertThat(Acceptance.lockFiles(repo)).isEmpty();
    assertThat(restic.check(repo, PASSWORD, false).exitCode()).isZero();
    assertThat(restic.run(repo, PASSWORD, "snapshots", "--json").assertOk().stdoutText())
        .contains("held.txt");
  }
}
