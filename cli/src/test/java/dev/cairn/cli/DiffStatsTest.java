package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.report.Output;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn diff} and {@code cairn stats} agree with restic 0.14 on the same repository. */
class DiffStatsTest {
  @TempDir Path tmp;
  private Path repo;
  private Path src;
  private String first;
  private String second;
  private final ResticBinary restic = ResticBinary.require();

  @BeforeEach
  void twoSnapshots() throws Exception {
    repo = tmp.resolve("repo");
    src = tmp.resolve("src");
    Cli cli = new Cli(repo, PASSWORD);
    cli.run("init").assertOk();
    Random rnd = new Random(11);
    Acceptance.writeRandom(src.resolve("big.bin"), 3_000_000, rnd);
    Acceptance.writeRandom(src.resolve("keep/same.bin"), 10_000, rnd);
    write(src.resolve("keep/change.txt"), "before");
    write(src.resolve("gone/a.txt"), "a");
    write(src.resolve("gone/sub/b.txt"), "b");
    write(src.resolve("removed.txt"), "r");
    write(src.resolve("typechange"), "file first");
    Files.createLink(src.resolve("keep/hardlink.bin"), src.resolve("keep/same.bin"));
    first = backup(cli);

    write(src.resolve("keep/change.txt"), "after");
    Files.delete(src.resolve("gone/sub/b.txt"));
    Files.delete(src.resolve("gone/sub"));
    Files.delete(src.resolve("gone/a.txt"));
    Files.delete(src.resolve("gone"));
    Files.delete(src.resolve("removed.txt"));
    Files.delete(src.resolve("typechange"));
    write(src.resolve("typechange/inside.txt"), "now a dir");
    write(src.resolve("new/deep/n.txt"), "new");
    Files.createSymbolicLink(src.resolve("link"), Path.of("big.bin"));
    second = backup(cli);
  }

  private static void write(Path f, String text) throws Exception {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private String backup(Cli cli) throws Exception {
    cli.run("backup", src.toString()).assertOk();
    JsonNode arr = Output.json().readTree(cli.run("snapshots", "--json").assertOk().stdout());
    return arr.get(arr.size() - 1).get("id").asText();
  }

  private static List<String> changes(String out) {
    return Arrays.stream(out.split("\n")).filter(l -> l.matches("^[-+MTU]+ +/.*")).sorted()
        .toList();
  }

  @Test
  void diffPrintsWhatResticPrints() {
    String ours = new Cli(repo, PASSWORD).run("diff", first, second).assertOk().stdout();
    String theirs = restic.run(repo, PASSWORD, "diff", first, second).assertOk().stdoutText();
    assertThat(changes(ours)).isNotEmpty().isEqualTo(changes(theirs));
    String base = src.toString();
    assertThat(changes(ours)).contains(
        "M    " + base + "/keep/change.txt",
        "-    " + base + "/gone/",
        "-    " + base + "/gone/sub/b.txt",
        "-    " + base + "/removed.txt",
        "+    " + base + "/new/deep/n.txt",
        "+    " + base + "/link");
    assertThat(ours).contains("comparing snapshot " + first.substring(0, 8) + " to "
        + second.substring(0, 8)).contains("Files:");
    // same snapshot: nothing changed
    assertThat(changes(new Cli(repo, PASSWORD).run("diff", second, second).assertOk().stdout()))
        .isEmpty();
  }

  private JsonNode resticStats(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "stats";
    all[1] = "--json";
    System.arraycopy(args, 0, all, 2, args.length);
    return Output.json().readTree(restic.run(repo, PASSWORD, all).assertOk().stdoutText());
  }

  private JsonNode ourStats(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "stats";
    all[1] = "--json";
    System.arraycopy(args, 0, all, 2, args.length);
    return Output.json().readTree(new Cli(repo, PASSWORD).run(all).assertOk().stdout());
  }

  @Test
  void statsMatchResticInBothModes() throws Exception {
    for (String[] args : new String[][] {{}, {second}, {"--mode", "restore-size", first},
        {"--mode", "raw-data"}, {"--mode", "raw-data", first}}) {
      JsonNode ours = ourStats(args);
      JsonNode theirs = resticStats(args);
      String what = String.join(" ", args);
      assertThat(ours.get("total_size").asLong()).as("total_size %s", what)
          .isEqualTo(theirs.get("total_size").asLong());
      assertThat(ours.path("total_file_count").asLong()).as("file count %s", what)
          .isEqualTo(theirs.path("total_file_count").asLong());
      assertThat(ours.path("total_blob_count").asLong()).as("blob count %s", what)
          .isEqualTo(theirs.path("total_blob_count").asLong());
      if (Arrays.asList(args).contains("raw-data")) {
        // restic 0.14 reports no compression figures; current restic does, as Cairn
        assertThat(ours.path("total_uncompressed_size").asLong()).as("uncompressed %s", what)
            .isGreaterThan(0);
      }
      assertThat(ours.get("snapshots_count").asInt()).isEqualTo(theirs.get("snapshots_count")
          .asInt());
    }
    String text = new Cli(repo, PASSWORD).run("stats").assertOk().stdout();
    assertThat(text).contains("Stats in restore-size mode:").contains("Total File Count:");
    assertThat(new Cli(repo, PASSWORD).run("stats", "--mode", "bogus").exitCode()).isEqualTo(1);
  }
}
