package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn forget} on its own: text output, refusals, flags restic 0.14 lacks. */
class ForgetCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Cli cairn;

  @BeforeEach
  void setUp() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("f"), "x");
    cairn = new Cli(tmp.resolve("repo"), "pw");
    cairn.run("init").assertOk();
    String[][] snaps = {
      {"a", "2024-01-01 10:00:00"}, {"a", "2024-01-01 12:00:00"}, {"a", "2024-01-09 10:00:00"},
      {"b", "2024-02-01 10:00:00"}, {"b", "2024-03-01 10:00:00"}};
    for (String[] s : snaps) {
      cairn.run("backup", "--host", s[0], "--time", s[1], src.toString()).assertOk();
    }
  }

  private int count() throws Exception {
    return JSON.readTree(cairn.run("snapshots", "--json").assertOk().stdout()).size();
  }

  @Test
  void textOutputShowsAGroupTableWithReasons() throws Exception {
    Cli.Result r = cairn.run("forget", "--dry-run", "--keep-daily", "1").assertOk();
    assertThat(r.stdout())
        .contains("Applying Policy: keep 1 daily snapshots")
        .contains("snapshots for (host [a], paths [")
        .contains("keep 1 snapshots:").contains("remove 2 snapshots:")
        .contains("daily snapshot")
        .contains("Would have removed the following snapshots:");
    assertThat(count()).isEqualTo(5);
  }

  @Test
  void unlimitedCountKeepsEveryBucketAndTheOldest() throws Exception {
    JsonNode groups = JSON.readTree(cairn.run("forget", "-n", "--json", "--keep-daily", "-1")
        .assertOk().stdout());
    JsonNode a = groups.get(0);
    assertThat(a.get("host").asText()).isEqualTo("a");
    assertThat(a.get("keep")).hasSize(3);
    assertThat(a.get("remove").isNull()).isTrue();
    assertThat(a.get("reasons").get(2).get("matches").get(0).asText())
        .isEqualTo("oldest daily snapshot");
    assertThat(a.get("reasons").get(0).get("counters").get("daily").asInt()).isEqualTo(-1);
  }

  @Test
  void unsafeAllowRemoveAllNeedsAFilter() throws Exception {
    Cli.Result noFilter = cairn.run("forget", "--unsafe-allow-remove-all");
    assertThat(noFilter.exitCode()).isEqualTo(1);
    assertThat(noFilter.stderr()).contains("not allowed unless a snapshot filter");
    cairn.run("forget", "--unsafe-allow-remove-all", "--host", "b").assertOk();
    assertThat(count()).isEqualTo(3);
    // a policy that keeps nothing of a group is allowed with the flag
    cairn.run("forget", "--unsafe-allow-remove-all", "--host", "a", "--keep-tag", "none")
        .assertOk();
    assertThat(count()).isZero();
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsRemoved() throws Exception {
    Cli.Result dur = cairn.run("forget", "--keep-within", "7w");
    assertThat(dur.exitCode()).isEqualTo(1);
    assertThat(dur.stderr()).contains("--keep-within").contains("unknown unit");
    Cli.Result group = cairn.run("forget", "--keep-last", "1", "--group-by", "hostname");
    assertThat(group.exitCode()).isEqualTo(1);
    assertThat(group.stderr()).contains("unknown grouping option");
    Cli.Result count = cairn.run("forget", "--keep-last", "-2");
    assertThat(count.exitCode()).isEqualTo(1);
    Cli.Result missing = cairn.run("forget", "deadbeef");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(count()).isEqualTo(5);
  }

  @Test
  void hourlyShortFlagIsKeepHourlyNotHost() throws Exception {
    JsonNode groups = JSON.readTree(cairn.run("forget", "-n", "--json", "-H", "1")
        .assertOk().stdout());
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).get("keep")).hasSize(1);
  }
}
