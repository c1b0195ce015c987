package dev.cairn.cli.mover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.Id;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.tree.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restore selection of Volsync's script, on structured snapshot data. */
class SnapshotSelectorTest {
  private static SnapshotRef snap(String name, String time, String path) {
    Snapshot s = Snapshot.of(Timestamp.of(Instant.parse(time), ZoneOffset.UTC),
        Id.hash(name.getBytes()), List.of(path));
    return new SnapshotRef(Id.hash(("id-" + name).getBytes()), s);
  }

  private static final SnapshotRef A = snap("a", "2026-01-01T10:00:00.500Z", "/data");
  private static final SnapshotRef B = snap("b", "2026-01-01T11:00:00Z", "/data");
  private static final SnapshotRef OTHER = snap("o", "2026-01-01T11:30:00Z", "/srv/other");
  private static final SnapshotRef C = snap("c", "2026-01-01T12:00:00Z", "/data");
  private static final List<SnapshotRef> ALL = List.of(C, OTHER, A, B);

  private static Optional<String> pick(String asOf, int previous) {
    return SnapshotSelector.select(ALL, asOf == null ? null : Instant.parse(asOf), previous)
        .map(s -> s.snapshot().tree().equals(A.snapshot().tree()) ? "a"
            : s.snapshot().tree().equals(B.snapshot().tree()) ? "b" : "c");
  }

  @Test
  void latestOfDataIsTheDefaultAndOtherPathsAreNotCandidates() {
    assertThat(pick(null, 0)).contains("c");
    assertThat(SnapshotSelector.candidates(ALL)).containsExactly(C, B, A);
  }

  @Test
  void selectPreviousCountsBackFromTheNewest() {
    assertThat(pick(null, 1)).contains("b");
    assertThat(pick(null, 2)).contains("a");
    assertThat(pick(null, 3)).isEmpty();
  }

  @Test
  void restoreAsOfIsAnInclusiveBoundToTheSecond() {
    assertThat(pick("2026-01-01T11:59:59Z", 0)).contains("b");
    assertThat(pick("2026-01-01T11:00:00Z", 0)).contains("b");
    // 10:00:00.5 counts as 10:00:00, as the script strips fractions
    assertThat(pick("2026-01-01T10:00:00Z", 0)).contains("a");
    assertThat(pick("2026-01-01T09:59:59Z", 0)).isEmpty();
    assertThat(pick("2026-01-01T11:59:59Z", 1)).contains("a");
    assertThat(pick("2026-01-01T11:59:59Z", 2)).isEmpty();
  }

  @Test
  void snapshotsInTheSameSecondAreBothCandidates() {
    SnapshotRef x = snap("x", "2026-02-01T00:00:00.100Z", "/data");
    SnapshotRef y = snap("y", "2026-02-01T00:00:00.900Z", "/data");
    assertThat(SnapshotSelector.select(List.of(x, y), null, 0)).contains(y);
    assertThat(SnapshotSelector.select(List.of(x, y), null, 1)).contains(x);
  }
}
