package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code cairn mover backup} with the environment Volsync's controller sets, on a
 * local and an S3 repository, read back by the real {@code restic}.
 */
class MoverBackupTest extends S3ServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Path volume() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("volume"));
    Files.createDirectories(data.resolve("lost+found"));
    S3Accept.tree(data.resolve("app"), 11, 1, 6);
    return data;
  }

  /** {@code restic snapshots --json} of a local or S3 repository. */
  private JsonNode resticSnapshots(ResticBinary restic, String repository, Map<String, String> env)
      throws Exception {
    ResticBinary.Result r = restic.run(null, Interop.PASSWORD,
        withRepo(repository, env), null, "snapshots", "--json").assertOk();
    return JSON.readTree(r.stdoutText());
  }

  private static Map<String, String> withRepo(String repository, Map<String, String> env) {
    Map<String, String> m = new java.util.HashMap<>(env);
    m.put("RESTIC_REPOSITORY", repository);
    return m;
  }

  private void backsUpAsVolsyncWouldAndForgets(String repository, Map<String, String> extraEnv)
      throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path data = volume();
    MoverHarness mover = new MoverHarness(tmp, data, repository, Interop.PASSWORD)
        .env("FORGET_OPTIONS", " --keep-last 2");
    extraEnv.forEach(mover::env);

    MoverHarness.Run first = mover.run("backup").assertOutcome("ok", 0);
    assertThat(first.result().path("repository_initialized").asBoolean()).isTrue();
    assertThat(first.stdout()).contains("=== Initialize Dir ===", "snapshot ", " saved");
    JsonNode listed = resticSnapshots(restic, repository, extraEnv);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("hostname").asText()).isEqualTo("volsync");
    assertThat(listed.get(0).path("paths").toString()).isEqualTo("[\"/data\"]");
    assertThat(listed.get(0).path("id").asText())
        .isEqualTo(first.section("backup").path("snapshot_id").asText());

    for (int i = 0; i < 3; i++) {
      Files.writeString(data.resolve("app/changing.txt"), "version " + i);
      MoverHarness.Run next = mover.run("backup").assertOutcome("ok", 0);
      assertThat(next.result().path("repository_initialized").asBoolean()).isFalse();
      assertThat(next.section("backup").path("parent_id").asText()).isNotEmpty();
      assertThat(next.section("backup").path("files_new").asLong()).isEqualTo(i == 0 ? 1 : 0);
      assertThat(next.section("forget").path("kept").asInt()).isEqualTo(2);
    }
    JsonNode kept = resticSnapshots(restic, repository, extraEnv);
    assertThat(kept).hasSize(2);
    restic.run(null, Interop.PASSWORD, withRepo(repository, extraEnv), null, "check")
        .assertOk();
  }

  @Test
  void localRepositoryIsInitialisedAndBackedUpWithHostVolsyncPathDataAndForget()
      throws Exception {
    backsUpAsVolsyncWouldAndForgets(tmp.resolve("repo").toString(), Map.of());
  }

  @Test
  void s3RepositoryInAMissingBucketIsCreatedAndBackedUp() throws Exception {
    String repository = server.repository("mover-fresh-bucket/app");
    backsUpAsVolsyncWouldAndForgets(repository, server.env());
  }

  @Test
  void unlockBackupPruneRunInOneJob() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    MoverHarness mover = new MoverHarness(tmp, volume(), repo.toString(), Interop.PASSWORD);
    mover.run("backup").assertOutcome("ok", 0);
    Files.writeString(tmp.resolve("volume/app/new.bin"), "x".repeat(100_000));
    MoverHarness.Run run = mover.run("unlock", "backup", "prune").assertOutcome("ok", 0);
    assertThat(run.result().path("done").toString())
        .isEqualTo("[\"unlock\",\"backup\",\"prune\"]");
    assertThat(run.section("unlock").path("removed").asInt()).isZero();
    assertThat(run.section("forget").path("removed").asInt()).isEqualTo(1);
    assertThat(run.section("prune").path("ran").asBoolean()).isTrue();
    assertThat(run.stdout()).contains("=== Starting prune ===", "loading indexes...");
    restic.run(repo, Interop.PASSWORD, "check", "--read-data").assertOk();
  }

  @Test
  void anEmptyVolumeIsSkippedAndWritesNothing() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("empty"));
    Files.createDirectories(data.resolve("lost+found"));
    Path repo = tmp.resolve("repo");
    MoverHarness.Run run = new MoverHarness(tmp, data, repo.toString(), Interop.PASSWORD)
        .run("backup").assertOutcome("skipped-empty", 0);
    assertThat(run.section("backup").path("skipped").asBoolean()).isTrue();
    assertThat(run.stdout()).contains("Directory is empty skipping backup");
    assertThat(repo).doesNotExist();
  }

  @Test
  void volsyncsHistoryContinuesUnderCairnAndBack() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path data = volume();
    Path repo = tmp.resolve("repo");
    VolsyncRoot root = VolsyncRoot.create(tmp, data, repo);
    root.restic(Interop.PASSWORD, "init").assertOk();
    // Volsync's mover: restic backup --host volsync --exclude='lost+found' . in /data
    root.restic(Interop.PASSWORD, "backup --host volsync --exclude=lost+found .").assertOk();
    JsonNode byRestic = resticSnapshots(restic, repo.toString(), Map.of()).get(0);
    assertThat(byRestic.path("paths").toString()).isEqualTo("[\"/data\"]");

    MoverHarness mover = new MoverHarness(tmp, data, repo.toString(), Interop.PASSWORD)
        .env("FORGET_OPTIONS", "--keep-last 10");
    MoverHarness.Run cairn = mover.run("backup").assertOutcome("ok", 0);
    JsonNode b = cairn.section("backup");
    assertThat(b.path("parent_id").asText()).isEqualTo(byRestic.path("id").asText());
    assertThat(b.path("bytes_added").asLong()).isZero();
    assertThat(b.path("files_unmodified").asLong()).isEqualTo(b.path("files_new").asLong()
        + b.path("files_changed").asLong() + b.path("files_unmodified").asLong());

    root.restic(Interop.PASSWORD, "backup --host volsync --exclude=lost+found .").assertOk();
    JsonNode all = resticSnapshots(restic, repo.toString(), Map.of());
    assertThat(all).hasSize(3);
    String cairnId = b.path("snapshot_id").asText();
    assertThat(all.get(2).path("parent").asText()).isEqualTo(cairnId);
    // the same data gives the same tree, whichever tool wrote it
    assertThat(all.get(1).path("tree").asText()).isEqualTo(byRestic.path("tree").asText());
    assertThat(all.get(2).path("tree").asText()).isEqualTo(byRestic.path("tree").asText());
    restic.run(repo, Interop.PASSWORD, "check", "--read-data").assertOk();
  }
}
