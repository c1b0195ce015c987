package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.testing.OtherUser;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a source file that cannot be read. Root reads every file, so the backup runs as
 * {@code nobody} (uid/gid 65534, through {@code setpriv}) over a tree where one file has mode
 * 000 and one directory is closed to it, with the class path copied to a place that user can
 * read.
 */
class UnreadableSourceTest {
  private static final String NOBODY = "65534";

  @TempDir Path tmp;

  @Test
  void unreadableFileWarnsExits3AndSavesAGoodSnapshot() throws Exception {
    assumeTrue(OtherUser.isRoot(), "needs root to switch to another user");
    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv), "setpriv (util-linux) missing");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));

    Path src = tmp.resolve("src");
    Random rnd = new Random(3);
    Acceptance.writeRandom(src.resolve("a.bin"), 700_000, rnd);
    Acceptance.writeRandom(src.resolve("d/b.bin"), 5_000, rnd);
    Files.writeString(src.resolve("d/c.txt"), "readable");
    Path secret = src.resolve("d/secret.bin");
    Acceptance.writeRandom(secret, 20_000, rnd);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Path closedDir = src.resolve("closed");
    Acceptance.writeRandom(closedDir.resolve("inside.bin"), 3_000, rnd);
    OtherUser.makeWorldReadable(src);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(closedDir, PosixFilePermissions.fromString("rwx------"));

    Path repo = tmp.resolve("repo");
    new Cli(repo, PASSWORD).run("init").assertOk();
    Acceptance.run(List.of("chown", "-R", NOBODY + ":" + NOBODY, repo.toString()));

    String cp = OtherUser.readableClassPath(tmp.resolve("cp"));
    Path log = tmp.resolve("backup.log");
    ProcessBuilder pb = Acceptance.cairnProcess(
        List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
            "--"),
        repo, cp, log, "backup", src.toString());
    pb.environment().put("HOME", tmp.toString());
    pb.directory(tmp.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("backup finished").isTrue();
    String stdout = Acceptance.read(log);
    String stderr = Acceptance.read(Acceptance.errLog(log));
    assertThat(p.exitValue()).as("exit code; stdout:\n%s\nstderr:\n%s", stdout, stderr)
        .isEqualTo(3);
    assertThat(stderr).contains(secret.toString()).contains(closedDir.toString());
    assertThat(stdout).contains("snapshot ").contains(" saved");
    assertThat(Acceptance.lockFiles(repo)).isEmpty();

    ResticBinary restic = ResticBinary.require();
    restic.check(repo, PASSWORD, true).assertOk();
    assertThat(restic.run(repo, PASSWORD, "snapshots").assertOk().stdoutText())
        .contains("1 snapshots");

    Path out = tmp.resolve("out");
    new Cli(repo, PASSWORD).run("restore", "latest", "--target", out.toString()).assertOk();
    Map<String, String> expected = new TreeMap<>(Acceptance.contents(src));
    expected.remove("d/secret.bin");
    expected.remove("closed/inside.bin");
    Map<String, String> restored =
        new TreeMap<>(Acceptance.contents(Acceptance.restoredRoot(out, src)));
    restored.remove("d/secret.bin");
    assertThat(restored).doesNotContainKey("closed/inside.bin");
    Acceptance.assertSameContents(expected, restored);
  }
}
