package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cli.Main;
import dev.cairn.testing.ResticBinary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Snapshots for a destination to restore, made as a ReplicationSource's mover makes them: {@code
 * cairn mover backup} (in this JVM) of a directory, so they are of host {@code volsync} and path
 * {@code /data}; their times are read back with restic. Each backup first waits for the clock
 * to pass into a new second, so that {@code restoreAsOf} (compared to the second) can tell any
 * two apart.
 */
final class Backups {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A snapshot the mover saved: its id and time. */
  record Saved(String id, Instant time) {
    /** The time as {@code restoreAsOf} names exactly this snapshot's second. */
    String asOf() {
      return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
  }

  private final Path repo;
  private final String password;
  private final Path work;
  private Instant last = Instant.EPOCH;

  Backups(Path repo, String password, Path work) {
    this.repo = repo;
    this.password = password;
    this.work = work;
  }

  /** Backs {@code dir} up into the repository. */
  Saved backup(Path dir) throws InterruptedException {
    while (!Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(last)) {
      Thread.sleep(50);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"mover", "backup"}, Map.of(
        "DATA_DIR", dir.toString(), "RESTIC_REPOSITORY", repo.toString(),
        "RESTIC_PASSWORD", password, "RESTIC_CACHE_DIR", dirs("cache").toString(),
        "PRIVILEGED_MOVER", "0", "FORGET_OPTIONS", "--keep-last 100",
        "TMPDIR", dirs("tmp").toString(),
        "TERMINATION_MESSAGE_PATH", work.resolve("termination-log").toString()), out, err);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as("cairn mover backup: %s%s", text, err).isZero();
    try {
      List<String> lines = text.strip().lines().toList();
      JsonNode result = JSON.readTree(lines.get(lines.size() - 1));
      String id = result.path("backup").path("snapshot_id").asText();
      JsonNode listed = JSON.readTree(ResticBinary.require().run(repo, password, "snapshots",
          "--json", id).assertOk().stdoutText());
      Instant time = OffsetDateTime.parse(listed.get(0).path("time").asText()).toInstant();
      last = time.truncatedTo(ChronoUnit.SECONDS);
      return new Saved(id, time);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path dirs(String name) {
    try {
      return Files.createDirectories(work.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
