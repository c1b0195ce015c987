package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code cairn mover restore} picks the snapshot Volsync's selection means
 * ({@code RESTORE_AS_OF}, {@code SELECT_PREVIOUS}) from a repository holding three versions of
 * a volume, restores it with and without {@code --delete}, bootstraps from a new repository and
 * fails loudly when nothing matches.
 */
class MoverRestoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  @TempDir Path tmp;
  private static Path repo;
  /** Snapshot ids and times of versions 1, 2 and 3, oldest first. */
  private static final List<String> IDS = new ArrayList<>();
  private static final List<Instant> TIMES = new ArrayList<>();

  @BeforeAll
  static void threeVersions() throws Exception {
    ResticBinary restic = ResticBinary.require();
    repo = shared.resolve("repo");
    Path data = Files.createDirectories(shared.resolve("volume"));
    MoverHarness mover = new MoverHarness(shared, data, repo.toString(), Interop.PASSWORD)
        .env("FORGET_OPTIONS", "--keep-last 10");
    String[][] versions = {{"one", null}, {"two", "new in two"}, {"three", null}};
    for (String[] v : versions) {
      Files.writeString(data.resolve("a.txt"), v[0]);
      if (v[1] == null) {
        Files.deleteIfExists(data.resolve("b.txt"));
      } else {
        Files.writeString(data.resolve("b.txt"), v[1]);
      }
      mover.run("backup").assertOutcome("ok", 0);
      Thread.sleep(1100); // a new second: RESTORE_AS_OF compares to the second, as Volsync
    }
    JsonNode listed = JSON.readTree(restic.run(repo, Interop.PASSWORD, "snapshots", "--json")
        .assertOk().stdoutText());
    for (JsonNode s : listed) {
      IDS.add(s.path("id").asText());
      TIMES.add(Instant.parse(s.path("time").asText()));
    }
    assertThat(IDS).hasSize(3);
  }

  private MoverHarness restoreInto(Path target) {
    return new MoverHarness(tmp, target, repo.toString(), Interop.PASSWORD);
  }

  private static void assertVersion(Path target, String a, String b) throws Exception {
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo(a);
    if (b == null) {
      assertThat(target.resolve("b.txt")).doesNotExist();
    } else {
      assertThat(Files.readString(target.resolve("b.txt"))).isEqualTo(b);
    }
  }

  private static void restored(MoverHarness.Run run, int version) {
    run.assertOutcome("ok", 0);
    assertThat(run.section("restore").path("snapshot_id").asText()).isEqualTo(IDS.get(version - 1));
    assertThat(Instant.parse(run.section("restore").path("snapshot_time").asText()))
        .isEqualTo(TIMES.get(version - 1));
    assertThat(run.stdout()).contains("Selected restic snapshot with id: " + IDS.get(version - 1));
  }

  @Test
  void latestIntoAnEmptyVolume() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("empty"));
    restored(restoreInto(target).run("restore"), 3);
    assertVersion(target, "three", null);
  }

  @Test
  void restoreAsOfTakesTheNewestAtOrBeforeIt() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("t"));
    String asOf = TIMES.get(1).truncatedTo(ChronoUnit.SECONDS).toString();
    restored(restoreInto(target).env("RESTORE_AS_OF", asOf).run("restore"), 2);
    assertVersion(target, "two", "new in two");
    Path older = Files.createDirectories(tmp.resolve("older"));
    restored(restoreInto(older).env("RESTORE_AS_OF", asOf).env("SELECT_PREVIOUS", "1")
        .run("restore"), 1);
    assertVersion(older, "one", null);
  }

  @Test
  void selectPreviousOneAndTwo() throws Exception {
    Path one = Files.createDirectories(tmp.resolve("p1"));
    restored(restoreInto(one).env("SELECT_PREVIOUS", "1").run("restore"), 2);
    assertVersion(one, "two", "new in two");
    Path two = Files.createDirectories(tmp.resolve("p2"));
    restored(restoreInto(two).env("SELECT_PREVIOUS", "2").run("restore"), 1);
    assertVersion(two, "one", null);
  }

  @Test
  void intoAPopulatedVolumeExtraFilesStayUnlessDeleteIsAsked() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("populated"));
    Files.createDirectories(target.resolve("lost+found"));
    Files.writeString(target.resolve("a.txt"), "local edit");
    Files.writeString(target.resolve("extra.txt"), "not in any snapshot");
    restored(restoreInto(target).run("restore"), 3);
    assertVersion(target, "three", null);
    assertThat(target.resolve("extra.txt")).exists();

    MoverHarness.Run deleting = restoreInto(target).env("RESTORE_OPTIONS", "--delete")
        .run("restore");
    restored(deleting, 3);
    assertThat(deleting.section("restore").path("deleted").asLong()).isEqualTo(1);
    assertThat(target.resolve("extra.txt")).doesNotExist();
    assertThat(target.resolve("lost+found")).isDirectory();
    assertVersion(target, "three", null);
  }

  @Test
  void aNewRepositoryBootstrapsAnEmptyVolume() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("fresh"));
    Path fresh = tmp.resolve("new-repo");
    MoverHarness.Run run = new MoverHarness(tmp, target, fresh.toString(), Interop.PASSWORD)
        .run("restore").assertOutcome("skipped-empty", 0);
    assertThat(run.result().path("repository_initialized").asBoolean()).isTrue();
    assertThat(run.section("restore").path("snapshot_id").isNull()).isTrue();
    assertThat(run.stdout()).contains("No eligible snapshots found");
    try (var files = Files.list(target)) {
      assertThat(files).isEmpty();
    }
    ResticBinary.require().run(fresh, Interop.PASSWORD, "check").assertOk();
  }

  @Test
  void noMatchingSnapshotFailsLoudlyAndTouchesNothing() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("keep"));
    Files.writeString(target.resolve("mine.txt"), "untouched");
    MoverHarness.Run tooFar = restoreInto(target).env("SELECT_PREVIOUS", "3").run("restore")
        .assertOutcome("no-snapshot", 3);
    assertThat(tooFar.result().path("message").asText())
        .contains("no snapshot of /data matches", "SELECT_PREVIOUS=3", "3 snapshots");
    MoverHarness.Run tooEarly = restoreInto(target)
        .env("RESTORE_AS_OF", TIMES.get(0).minusSeconds(3600).toString()).run("restore")
        .assertOutcome("no-snapshot", 3);
    assertThat(tooEarly.result().path("message").asText()).contains("RESTORE_AS_OF=");
    try (var files = Files.list(target)) {
      assertThat(files).containsExactly(target.resolve("mine.txt"));
    }
  }
}
