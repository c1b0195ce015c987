package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The basic command round trip, in process. */
class CliSmokeTest {
  @TempDir Path tmp;

  @Test
  void initBackupSnapshotsRestore() throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("d"));
    Files.writeString(src.resolve("d/f.txt"), "content");
    Cli cli = new Cli(tmp.resolve("repo"), "pw");
    cli.run("init").assertOk();
    Cli.Result b = cli.run("backup", "--json", src.toString()).assertOk();
    assertThat(b.stdout()).contains("\"message_type\":\"summary\"").contains("\"files_new\":1");
    assertThat(cli.run("snapshots").assertOk().stdout()).contains("1 snapshots");
    assertThat(cli.run("ls", "latest").assertOk().stdout()).contains("/d/f.txt");
    cli.run("restore", "latest", "--target", tmp.resolve("out").toString()).assertOk();
    assertThat(Files.readString(tmp.resolve("out").resolve(src.toString().substring(1))
        .resolve("d/f.txt"))).isEqualTo("content");
  }

  @Test
  void exitCodes() {
    Cli missing = new Cli(tmp.resolve("none"), "pw");
    assertThat(missing.run("snapshots").exitCode()).isEqualTo(ExitCodes.NO_REPOSITORY);
    Cli cli = new Cli(tmp.resolve("repo"), "pw");
    cli.run("init").assertOk();
    Cli.Result wrong = new Cli(tmp.resolve("repo"), "bad").run("snapshots");
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.WRONG_PASSWORD);
    assertThat(wrong.stderr()).contains("wrong password");
  }
}
