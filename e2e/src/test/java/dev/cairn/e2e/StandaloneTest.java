package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cli.Main;
import dev.cairn.operator.reconcile.SyncStatus;
import dev.cairn.standalone.Managed;
import dev.cairn.standalone.MoverLauncher;
import dev.cairn.standalone.ResourceKey;
import dev.cairn.standalone.Standalone;
import dev.cairn.standalone.StandaloneOptions;
import dev.cairn.standalone.SyncRequests;
import dev.cairn.testing.ResticBinary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code cairn standalone} on a temporary directory with an injected clock (no
 * sleeps): the first backup at start, a manual sync, scheduled syncs across day boundaries,
 * forget and prune as the spec says (the snapshots kept are those {@code restic forget
 * --dry-run} keeps with the same policy), then a ReplicationDestination restoring the source's
 * contents; the status and metrics say what happened, and {@code restic check} is clean.
 */
class StandaloneTest {
  static final String PASSWORD = "standalone-e2e";
  static final Instant START = Instant.parse("2026-01-01T20:30:00Z");

  @TempDir Path tmp;

  @Test
  void backsUpOnScheduleRetainsAndRestores() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path config = Files.createDirectories(tmp.resolve("config"));
    Path data = Files.createDirectories(config.resolve("volumes/demo/app-data"));
    Files.writeString(data.resolve("notes.txt"), "version 0\n");
    Files.createDirectories(data.resolve("empty"));
    write(config, "app.yaml", SECRET + SOURCE + DESTINATION);
    TestClock clock = new TestClock(START);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Standalone s = standalone(config, clock, log);
    ResourceKey source = new ResourceKey(ResourceKey.SOURCE, "demo", "app-data");
    ResourceKey dest = new ResourceKey(ResourceKey.DESTINATION, "demo", "app-data-restore");

    s.settle(Duration.ofMinutes(2)); // the first backup; the destination waits, paused
    SyncStatus st = s.status(find(s, source));
    assertThat(st.lastResult.outcome()).isEqualTo("ok");
    assertThat(st.lastSyncTime).isEqualTo(START);
    assertThat(st.nextSyncTime).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));

    Files.writeString(data.resolve("notes.txt"), "version 1\n");
    clock.set(START.plusSeconds(600));
    new SyncRequests(config.resolve(".cairn/requests")).ask(source);
    s.settle(Duration.ofMinutes(2));
    assertThat(s.status(find(s, source)).lastSyncTime).isEqualTo(START.plusSeconds(600));

    List<Instant> slots = new ArrayList<>();
    for (String t : List.of("2026-01-02T00:00:00Z", "2026-01-02T06:00:00Z",
        "2026-01-02T12:00:00Z", "2026-01-02T18:00:00Z", "2026-01-03T00:00:00Z")) {
      Instant slot = Instant.parse(t);
      Files.writeString(data.resolve("notes.txt"), "written before " + t + "\n");
      clock.set(slot.plusSeconds(5));
      s.settle(Duration.ofMinutes(2));
      assertThat(s.status(find(s, source)).lastSyncTime).as(t).isEqualTo(slot.plusSeconds(5));
      slots.add(slot.plusSeconds(5));
    }
    st = s.status(find(s, source));
    assertThat(st.nextSyncTime).isEqualTo(Instant.parse("2026-01-03T06:00:00Z"));
    assertThat(st.lastPruned).as("pruned once a day had passed").isNotNull();
    assertThat(st.consecutiveFailures).isZero();

    // the retention: exactly what restic keeps with the same policy
    Path repo = config.resolve("repository");
    List<String> kept = times(restic.run(repo, PASSWORD, "snapshots", "--json").assertOk()
        .stdoutText());
    String dry = restic.run(repo, PASSWORD, "forget", "--dry-run", "--json", "--keep-hourly",
        "2", "--keep-daily", "2").assertOk().stdoutText();
    assertThat(kept).containsExactlyInAnyOrderElementsOf(times(new ObjectMapper().readTree(dry)
        .get(0).get("keep").toString()));
    assertThat(kept).containsExactlyInAnyOrder("2026-01-02T18:00:05Z", "2026-01-03T00:00:05Z");
    restic.run(repo, PASSWORD, "check").assertOk();

    // the destination restores the latest snapshot when its manual trigger changes
    write(config, "app.yaml", SECRET + SOURCE + DESTINATION.replace("paused: true",
        "paused: false"));
    clock.set(Instant.parse("2026-01-03T01:00:00Z"));
    s.settle(Duration.ofMinutes(2));
    SyncStatus restored = s.status(find(s, dest));
    assertThat(restored.lastResult.outcome()).isEqualTo("ok");
    assertThat(restored.restoredSnapshot).isEqualTo(st.lastResult.snapshotId());
    assertThat(restored.latestImage.getName()).isEqualTo("app-data-restored");
    assertThat(Tree.contents(config.resolve("volumes/demo/app-data-restored")))
        .isEqualTo(Tree.contents(data));

    String metrics = s.metrics().scrape();
    assertThat(metrics).contains("cairn_sync_runs_total{method=\"restic\",obj_name=\"app-data\","
        + "obj_namespace=\"demo\",outcome=\"ok\",role=\"source\"} 7.0")
        .contains("volsync_volume_out_of_sync{method=\"restic\",obj_name=\"app-data\","
            + "obj_namespace=\"demo\",role=\"source\"} 0.0")
        .contains("volsync_missed_intervals_total{method=\"restic\",obj_name=\"app-data\","
            + "obj_namespace=\"demo\",role=\"source\"} 0.0");
    String lines = log.toString(StandardCharsets.UTF_8);
    assertThat(lines.lines().filter(l -> l.contains("kind=ReplicationSource")
        && l.contains("decision=completed") && l.contains("outcome=ok"))).hasSize(7);
    assertThat(lines).contains("decision=start cause=SCHEDULE actions=backup,prune");

    // a restart continues: nothing is due, nothing runs twice
    Standalone again = standalone(config, clock, new ByteArrayOutputStream());
    again.settle(Duration.ofMinutes(1));
    assertThat(again.status(find(again, source)).lastSyncTime).isEqualTo(slots.get(4));
    assertThat(times(restic.run(repo, PASSWORD, "snapshots", "--json").assertOk()
        .stdoutText())).hasSize(2);
  }

  static Standalone standalone(Path config, java.time.Clock clock, ByteArrayOutputStream log) {
    return new Standalone(new StandaloneOptions(config, config.resolve("volumes"), null, null),
        clock, new MoverLauncher(moverCommand()),
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  /** {@code cairn} of this build, as the standalone's children run it. */
  static List<String> moverCommand() {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName());
  }

  static Managed find(Standalone s, ResourceKey key) {
    Managed m = s.manifests().find(key);
    assertThat(m).as(key.toString()).isNotNull();
    return m;
  }

  static void write(Path dir, String name, String text) throws Exception {
    Path tmp = dir.resolve("." + name + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // a new modification time even within the same millisecond as the last write
    Files.setLastModifiedTime(dir.resolve(name), java.nio.file.attribute.FileTime.from(
        Instant.now().plusSeconds(Files.list(dir).count())));
  }

  private static List<String> times(String snapshotsJson) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode n : new ObjectMapper().readTree(snapshotsJson)) {
      out.add(Instant.parse(n.get("time").asText()).toString());
    }
    return out;
  }

  static final String SECRET = """
      apiVersion: v1
      kind: Secret
      metadata: {name: app-data-restic, namespace: demo}
      stringData:
        RESTIC_REPOSITORY: repository
        RESTIC_PASSWORD: %s
      """.formatted(PASSWORD);

  static final String SOURCE = """
      ---
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationSource
      metadata: {name: app-data, namespace: demo}
      spec:
        sourcePVC: app-data
        trigger: {schedule: "0 */6 * * *"}
        restic:
          repository: app-data-restic
          copyMethod: Direct
          pruneIntervalDays: 1
          retain: {hourly: 2, daily: 2}
      """;

  static final String DESTINATION = """
      ---
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationDestination
      metadata: {name: app-data-restore, namespace: demo}
      spec:
        paused: true
        trigger: {manual: restore-once}
        restic:
          repository: app-data-restic
          destinationPVC: app-data-restored
          copyMethod: Direct
      """;
}
