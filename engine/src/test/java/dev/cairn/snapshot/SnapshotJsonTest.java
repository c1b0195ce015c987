package dev.cairn.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.tree.Timestamp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snapshot JSON decrypted from restic-made repositories (restic014-v2-testpol, upstream
 * small-repo and copy-unstable-json, and a restic 0.14 backup in Europe/Berlin): decoding then
 * encoding gives the same bytes.
 */
class SnapshotJsonTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SnapshotJsonTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"snapshot-51e96a60.json", "snapshot-6ef808c2.json",
      "snapshot-36455a41.json", "snapshot-7e57404b.json"})
  void decodeThenEncodeReproducesResticBytes(String file) throws IOException {
    byte[] restic = resource(file);
    assertThat(restic[restic.length - 1]).as("no trailing newline").isEqualTo((byte) '}');

    assertThat(text(Snapshot.decode(restic).encode())).isEqualTo(text(restic));
  }

  /** The 2015 snapshots of upstream small-repo end with a newline; json.Marshal adds none. */
  @ParameterizedTest
  @ValueSource(strings = {"snapshot-06c5a25c.json", "snapshot-2145b769.json",
      "snapshot-6619a8ad.json", "snapshot-d187480a.json"})
  void oldResticSnapshotsDifferOnlyByTheirNewline(String file) throws IOException {
    String restic = text(resource(file));
    assertThat(restic).endsWith("}\n");

    assertThat(text(Snapshot.decode(resource(file)).encode()))
        .isEqualTo(restic.substring(0, restic.length() - 1));
  }

  @Test
  void fieldsOfTheSecondRestic014Snapshot() throws IOException {
    Snapshot s = Snapshot.decode(resource("snapshot-6ef808c2.json"));

    assertThat(s.time().format()).isEqualTo("2026-11-26T15:31:27.681302117Z");
    assertThat(s.parent().hex()).startsWith("51e96a60");
    assertThat(s.tree().hex()).startsWith("36b6b074");
    assertThat(s.paths()).containsExactly("/tmp/research/restic/work/fx/src");
    assertThat(s.hostname()).isEqualTo("vm");
    assertThat(s.username()).isEqualTo("root");
    assertThat(s.tags()).containsExactly("second");
    assertThat(s.uid()).isZero();
    assertThat(s.original()).isNull();
    assertThat(s.summary()).isNull();
  }

  @Test
  void keepsTheLocalOffsetAndIds() throws IOException {
    Snapshot s = Snapshot.decode(resource("snapshot-36455a41.json"));
    assertThat(s.time().offsetSeconds()).isEqualTo(3600);
    assertThat(s.uid()).isEqualTo(1000);
    assertThat(s.gid()).isEqualTo(1000);
  }

  @Test
  void encodesEveryFieldInGoOrder() {
    Id tree = Id.hash(new byte[] {1});
    Id parent = Id.hash(new byte[] {2});
    Id original = Id.hash(new byte[] {3});
    Timestamp t = Timestamp.parse("2026-01-02T03:04:05.5+01:00");
    SnapshotSummary sum = new SnapshotSummary(t, Timestamp.parse("2026-01-02T03:04:06+01:00"),
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1);
    Snapshot s = new Snapshot(t, parent, tree, List.of("/srv/<a&b>"), "h\u2028", "u", 1000, 0,
        List.of("*.tmp"), List.of("x", "y"), original, "cairn 0.1", sum);

    String json = text(s.encode());

    assertThat(json).isEqualTo("{\"time\":\"2026-01-02T03:04:05.5+01:00\",\"parent\":\"" + parent
        + "\",\"tree\":\"" + tree + "\",\"paths\":[\"/srv/\\u003ca\\u0026b\\u003e\"],"
        + "\"hostname\":\"h\\u2028\",\"username\":\"u\",\"uid\":1000,\"excludes\":[\"*.tmp\"],"
        + "\"tags\":[\"x\",\"y\"],\"original\":\"" + original + "\",\"program_version\":"
        + "\"cairn 0.1\",\"summary\":{\"backup_start\":\"2026-01-02T03:04:05.5+01:00\","
        + "\"backup_end\":\"2026-01-02T03:04:06+01:00\",\"files_new\":1,\"files_changed\":2,"
        + "\"files_unmodified\":3,\"dirs_new\":4,\"dirs_changed\":5,\"dirs_unmodified\":6,"
        + "\"data_blobs\":7,\"tree_blobs\":8,\"data_added\":9,\"data_added_packed\":10,"
        + "\"total_files_processed\":11,\"total_bytes_processed\":18446744073709551615}}");
    assertThat(Snapshot.decode(s.encode())).isEqualTo(s);
  }

  @Test
  void minimalSnapshotOmitsEmptyFields() {
    Id tree = Id.hash(new byte[0]);
    Snapshot s = Snapshot.of(Timestamp.parse("2026-01-02T03:04:05Z"), tree, List.of());
    assertThat(text(s.encode()))
        .isEqualTo("{\"time\":\"2026-01-02T03:04:05Z\",\"tree\":\"" + tree + "\",\"paths\":[]}");
    Snapshot nullPaths = Snapshot.decode(
        ("{\"time\":\"2026-01-02T03:04:05Z\",\"tree\":\"" + tree + "\",\"paths\":null}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(text(nullPaths.encode())).endsWith("\"paths\":null}");
  }

  @Test
  void ignoresUnknownFieldsAndRejectsMissingTree() {
    Id tree = Id.hash(new byte[0]);
    Snapshot s = Snapshot.decode(("{\"future\":{\"a\":[1]},\"time\":\"2026-01-02T03:04:05Z\","
        + "\"tree\":\"" + tree + "\",\"paths\":[\"/x\"],\"summary\":{\"files_new\":3,\"new\":1}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(s.summary().filesNew()).isEqualTo(3);
    assertThatThrownBy(() -> Snapshot.decode("{\"time\":\"2026-01-02T03:04:05Z\"}"
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("no tree");
  }
}
