package dev.cairn.e2e;

import static dev.cairn.e2e.StandaloneTest.PASSWORD;
import static dev.cairn.e2e.StandaloneTest.find;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.operator.reconcile.SyncStatus;
import dev.cairn.standalone.ResourceKey;
import dev.cairn.standalone.Standalone;
import dev.cairn.testing.ResticBinary;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a {@code cairn standalone} killed during a backup, with its mover, retries the run
 * when started again, past the lock the killed mover left, and makes one snapshot for the slot;
 * bad YAML, an unknown field, a missing Secret or directory and an invalid cron are reported
 * naming the file and the field while the other resources keep running.
 */
class StandaloneFailureTest {
  @TempDir Path tmp;

  @Test
  void aKilledServiceRetriesTheRunOnRestartWithOneSnapshot() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path config = Files.createDirectories(tmp.resolve("config"));
    Path data = Files.createDirectories(config.resolve("volumes/demo/app-data"));
    byte[] block = new byte[1 << 20];
    Random random = new Random(7);
    for (int f = 0; f < 6; f++) {
      try (OutputStream out = Files.newOutputStream(data.resolve("blob-" + f))) {
        for (int i = 0; i < 40; i++) {
          random.nextBytes(block);
          out.write(block);
        }
      }
    }
    StandaloneTest.write(config, "app.yaml", StandaloneTest.SECRET + StandaloneTest.SOURCE);
    Path state = config.resolve(".cairn/state.json");

    Process first = service(config, tmp.resolve("first.log"));
    long mover = awaitMover(state, first, tmp.resolve("first.log"));
    Path moverLog = config.resolve(".cairn/runs/demo/ReplicationSource-app-data/mover.log");
    long end0 = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(moverLog).contains("=== Starting backup ===")) {
      assertThat(System.nanoTime()).as(Files.readString(moverLog)).isLessThan(end0);
      Thread.sleep(10);
    }
    Thread.sleep(300); // into the backup: its lock is taken, packs are being written
    assertThat(ProcessHandle.of(mover).map(ProcessHandle::isAlive)).as("the mover still runs")
        .contains(true);
    // as systemd stops a unit: both killed at once (the mover may linger as a zombie)
    ProcessHandle.of(mover).ifPresent(ProcessHandle::destroyForcibly);
    first.destroyForcibly().waitFor();
    Path repo = config.resolve("repository");
    assertThat(Files.list(repo.resolve("locks")).count()).as("the killed mover's lock")
        .isEqualTo(1);
    assertThat(Files.list(repo.resolve("snapshots")).count()).isZero();

    Process second = service(config, tmp.resolve("second.log"));
    try {
      long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      JsonNode st = status(state);
      while (!st.path("lastResult").path("outcome").asText().equals("ok")) {
        assertThat(System.nanoTime()).as("the retry to succeed; log:\n"
            + Files.readString(tmp.resolve("second.log"))).isLessThan(end);
        Thread.sleep(200);
        st = status(state);
      }
      String log = Files.readString(tmp.resolve("second.log"));
      assertThat(log).contains("decision=failed outcome=failed message=\"interrupted:"
          + " cairn standalone stopped during the run")
          .contains("decision=start cause=RETRY actions=backup attempt=2");
    } finally {
      second.destroy();
      second.waitFor();
    }
    String snapshots = restic.run(repo, PASSWORD, "snapshots", "--json").assertOk()
        .stdoutText();
    assertThat(new ObjectMapper().readTree(snapshots)).hasSize(1);
    assertThat(restic.run(repo, PASSWORD, "list", "locks").assertOk().stdoutText()).isBlank();
    restic.run(repo, PASSWORD, "check").assertOk();
  }

  @Test
  void badInputIsReportedByFileAndFieldAndTheRestKeepsRunning() throws Exception {
    Path config = Files.createDirectories(tmp.resolve("config"));
    Files.writeString(Files.createDirectories(config.resolve("volumes/demo/app-data"))
        .resolve("a.txt"), "a\n");
    StandaloneTest.write(config, "app.yaml", StandaloneTest.SECRET + StandaloneTest.SOURCE);
    StandaloneTest.write(config, "broken.yaml", "kind: Secret\nmetadata: {name: [x\n");
    StandaloneTest.write(config, "typo.yaml", StandaloneTest.SOURCE.replace("app-data,",
        "typo,").replace("copyMethod: Direct", "copyMethd: Direct"));
    StandaloneTest.write(config, "cron.yaml", StandaloneTest.SOURCE.replace("app-data,",
        "cron,").replace("0 */6 * * *", "61 * * * *"));
    StandaloneTest.write(config, "secret.yaml", StandaloneTest.SOURCE.replace("app-data,",
        "nosecret,").replace("repository: app-data-restic", "repository: missing"));
    StandaloneTest.write(config, "dir.yaml", StandaloneTest.SOURCE.replace("app-data,",
        "nodir,").replace("sourcePVC: app-data", "sourcePVC: gone"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Standalone s = StandaloneTest.standalone(config, new TestClock(StandaloneTest.START), out);
    s.settle(Duration.ofMinutes(2));

    assertThat(s.manifests().problems()).anyMatch(p -> p.startsWith(config.resolve(
        "broken.yaml") + ": not valid YAML"))
        .contains(config.resolve("typo.yaml") + ": ReplicationSource demo/typo: unknown field"
            + " spec.restic.copyMethd (ReplicationSource volsync.backube/v1alpha1 has no such"
            + " field)")
        .anyMatch(p -> p.startsWith(config.resolve("cron.yaml") + ": ReplicationSource"
            + " demo/cron: ") && p.contains("spec.trigger.schedule"));
    assertThat(condition(s, "nosecret")).isEqualTo("secret.yaml: ReplicationSource"
        + " demo/nosecret: spec.restic.repository: Secret demo/missing is not in any file of "
        + config);
    assertThat(condition(s, "nodir")).isEqualTo("dir.yaml: ReplicationSource demo/nodir:"
        + " spec.sourcePVC gone: directory " + config.resolve("volumes/demo/gone")
        + " does not exist");
    SyncStatus ok = s.status(find(s, new ResourceKey(ResourceKey.SOURCE, "demo", "app-data")));
    assertThat(ok.lastResult.outcome()).as("the valid resource ran").isEqualTo("ok");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("decision=spec-error");
  }

  @Test
  void snapshotCopiesNeedASnapshotCommandAndBackUpTheCopy() throws Exception {
    Path config = Files.createDirectories(tmp.resolve("config"));
    Path data = Files.createDirectories(config.resolve("volumes/demo/app-data"));
    Files.writeString(data.resolve("a.txt"), "a\n");
    StandaloneTest.write(config, "app.yaml", StandaloneTest.SECRET + StandaloneTest.SOURCE
        .replace("copyMethod: Direct", "copyMethod: Snapshot"));
    Standalone without = StandaloneTest.standalone(config, new TestClock(StandaloneTest.START),
        new ByteArrayOutputStream());
    without.settle(Duration.ofMinutes(1));
    assertThat(condition(without, "app-data")).isEqualTo("app.yaml: ReplicationSource"
        + " demo/app-data: spec.restic.copyMethod Snapshot needs a snapshot command on this"
        + " host: start cairn standalone with --snapshot-command, e.g. 'cp -a --reflink=auto"
        + " \"$SOURCE/.\" \"$TARGET\"' or 'btrfs subvolume snapshot \"$SOURCE\""
        + " \"$TARGET\"', or use copyMethod: Direct");

    Standalone with = new Standalone(new dev.cairn.standalone.StandaloneOptions(config,
        config.resolve("volumes"), null, "mkdir \"$TARGET\" && cp -a \"$SOURCE/.\" \"$TARGET\""),
        new TestClock(StandaloneTest.START), new dev.cairn.standalone.MoverLauncher(
            StandaloneTest.moverCommand()), new java.io.PrintStream(new ByteArrayOutputStream()));
    with.settle(Duration.ofMinutes(1));
    SyncStatus st = with.status(find(with, new ResourceKey(ResourceKey.SOURCE, "demo",
        "app-data")));
    assertThat(st.lastResult.outcome()).isEqualTo("ok");
    assertThat(config.resolve(".cairn/snapshots/demo/app-data")).as("the copy, deleted")
        .doesNotExist();
    String ls = ResticBinary.require().run(config.resolve("repository"), PASSWORD, "ls",
        "latest").assertOk().stdoutText();
    assertThat(ls.lines()).contains("/a.txt");
  }

  private static String condition(Standalone s, String name) {
    SyncStatus st = s.status(find(s, new ResourceKey(ResourceKey.SOURCE, "demo", name)));
    return st.conditions.stream().filter(c -> c.getType().equals("Synchronizing"))
        .findFirst().orElseThrow().getMessage();
  }

  private static Process service(Path config, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(StandaloneTest.moverCommand());
    cmd.addAll(List.of("standalone", "--config", config.toString(), "--metrics-address",
        "off"));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
  }

  /** The mover's pid once the service recorded the run it started. */
  private static long awaitMover(Path state, Process service, Path log) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(state)) {
        JsonNode e = new ObjectMapper().readTree(state.toFile()).path("resources")
            .path("ReplicationSource/demo/app-data");
        if (e.hasNonNull("moverPid")) {
          return e.get("moverPid").asLong();
        }
      }
      assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("no run started; log:\n" + Files.readString(log));
  }

  private static JsonNode status(Path state) throws Exception {
    return new ObjectMapper().readTree(state.toFile()).path("resources")
        .path("ReplicationSource/demo/app-data").path("status");
  }
}
