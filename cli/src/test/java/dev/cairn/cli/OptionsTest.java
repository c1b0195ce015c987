package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.ResticBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restic's flags and environment variables on backup, restore, snapshots and cat. */
class OptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Path repo;
  private Path src;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    repo = tmp.resolve("repo");
    src = tmp.resolve("src");
    Files.createDirectories(src.resolve("logs"));
    Files.writeString(src.resolve("a.txt"), "alpha\n");
    Files.writeString(src.resolve("logs/app.log"), "log line\n");
    byte[] big = new byte[700_000];
    new Random(5).nextBytes(big);
    Files.write(src.resolve("big.bin"), big);
    cli = new Cli(repo, "pw");
    cli.run("init").assertOk();
  }

  private JsonNode snapshots(String... filters) throws Exception {
    String[] args = new String[filters.length + 2];
    args[0] = "snapshots";
    args[1] = "--json";
    System.arraycopy(filters, 0, args, 2, filters.length);
    return JSON.readTree(cli.run(args).assertOk().stdout());
  }

  @Test
  void hostTagTimeAndExcludesAreRecorded() throws Exception {
    Path excludeFile = tmp.resolve("excludes");
    Files.writeString(excludeFile, "# logs are noise\n*.log\n");
    cli.run("backup", src.toString(), "--host", "h1", "--tag", "a,b", "--tag", "c",
        "--time", "2024-05-06 07:08:09", "--exclude-file", excludeFile.toString()).assertOk();
    cli.run("backup", src.toString(), "--host", "h2", "-e", "big.bin").assertOk();
    JsonNode all = snapshots();
    assertThat(all).hasSize(2);
    JsonNode first = snapshots("--host", "h1").get(0);
    assertThat(first.get("tags").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(first.get("time").asText()).startsWith("2024-05-06T07:08:09");
    assertThat(snapshots("--tag", "a,c")).hasSize(1);
    assertThat(snapshots("--tag", "a,x")).isEmpty();
    String ls1 = cli.run("ls", "latest", "--host", "h1").assertOk().stdout();
    assertThat(ls1).contains("big.bin").doesNotContain("app.log");
    String ls2 = cli.run("ls", "latest", "--host", "h2").assertOk().stdout();
    assertThat(ls2).contains("app.log").doesNotContain("big.bin");
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    Cli.Result r = cli.run("backup", "--json", "--dry-run", src.toString()).assertOk();
    assertThat(r.stdout()).contains("\"dry_run\":true").contains("\"files_new\":3");
    assertThat(snapshots()).isEmpty();
    assertThat(Files.list(repo.resolve("index"))).isEmpty();
  }

  @Test
  void stdinBecomesOneFile() throws Exception {
    byte[] data = "streamed database dump\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    cli.runWithInput(data, "backup", "--stdin", "--stdin-filename", "db.sql").assertOk();
    Path out = tmp.resolve("out");
    cli.run("restore", "latest", "--target", out.toString()).assertOk();
    assertThat(Files.readAllBytes(out.resolve("db.sql"))).isEqualTo(data);
    assertThat(snapshots().get(0).get("paths").get(0).asText()).isEqualTo("/db.sql");
  }

  @Test
  void restoreIncludeExcludeDeleteAndVerify() throws Exception {
    cli.run("backup", src.toString()).assertOk();
    Path out = tmp.resolve("out");
    Path inside = out.resolve(src.toString().substring(1));
    cli.run("restore", "latest", "--target", out.toString(), "--include", "*.txt").assertOk();
    assertThat(Files.exists(inside.resolve("a.txt"))).isTrue();
    assertThat(Files.exists(inside.resolve("big.bin"))).isFalse();

    Files.writeString(inside.resolve("stray.txt"), "not in the snapshot");
    Cli.Result r = cli.run("restore", "latest", "--target", out.toString(), "--delete",
        "--verify", "--exclude", "logs").assertOk();
    assertThat(r.stdout()).contains("verified 2 files");
    assertThat(Files.exists(inside.resolve("stray.txt"))).isFalse();
    assertThat(Files.exists(inside.resolve("logs"))).as("excluded paths are kept").isTrue();
    assertThat(Files.readAllBytes(inside.resolve("big.bin")))
        .isEqualTo(Files.readAllBytes(src.resolve("big.bin")));

    Path sub = tmp.resolve("sub");
    cli.run("restore", "latest:" + src + "/logs", "--target", sub.toString()).assertOk();
    assertThat(Files.readString(sub.resolve("app.log"))).isEqualTo("log line\n");
  }

  @Test
  void passwordFileCommandCompressionAndPackSize() throws Exception {
    Path pwFile = tmp.resolve("pw");
    Files.writeString(pwFile, "pw\n");
    Cli viaFile = new Cli(repo, "ignored").env("RESTIC_PASSWORD_FILE", pwFile.toString());
    viaFile.env("RESTIC_PASSWORD", null);
    viaFile.run("snapshots").assertOk();
    Cli viaCommand = new Cli(repo, "ignored").env("RESTIC_PASSWORD_COMMAND", "echo pw");
    viaCommand.env("RESTIC_PASSWORD", null);
    viaCommand.run("snapshots").assertOk();
    JsonNode off = Interop.cairnBackup(
        new Cli(repo, "pw").env("RESTIC_COMPRESSION", "off").env("RESTIC_PACK_SIZE", "4"), src);
    assertThat(off.get("data_added_packed").asLong())
        .isGreaterThan(off.get("data_added").asLong());
    assertThat(cli.run("backup", "--pack-size", "200", src.toString()).exitCode())
        .isEqualTo(ExitCodes.FATAL);
  }

  @Test
  void catPrintsRepositoryObjects() throws Exception {
    cli.run("backup", src.toString()).assertOk();
    assertThat(JSON.readTree(cli.run("cat", "config").assertOk().stdout()).get("version").asInt())
        .isEqualTo(2);
    assertThat(JSON.readTree(cli.run("cat", "masterkey").assertOk().stdout()).has("encrypt"))
        .isTrue();
    String snapId = snapshots().get(0).get("id").asText();
    JsonNode snap = JSON.readTree(cli.run("cat", "snapshot", snapId.substring(0, 8)).stdout());
    String tree = snap.get("tree").asText();
    assertThat(cli.run("cat", "blob", tree).assertOk().stdout()).startsWith("{\"nodes\":[");
    assertThat(cli.run("cat", "tree", "latest").assertOk().stdout()).contains("\"nodes\"");
    assertThat(cli.run("cat", "nonsense").exitCode()).isEqualTo(ExitCodes.FATAL);
  }

  @Test
  void versionOneRepositoriesPassResticCheck() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path v1 = tmp.resolve("v1");
    Cli one = new Cli(v1, "pw");
    one.run("init", "--repository-version", "1").assertOk();
    one.run("backup", src.toString()).assertOk();
    assertThat(restic.check(v1, "pw", true).assertOk().stdoutText()).contains("no errors");
  }
}
