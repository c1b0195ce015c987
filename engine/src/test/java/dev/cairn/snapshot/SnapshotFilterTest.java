package dev.cairn.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.Id;
import dev.cairn.tree.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --host, --tag and --path selection as restic does it. */
class SnapshotFilterTest {
  private static Snapshot snapshot(String host, List<String> tags, String... paths) {
    return new Snapshot(Timestamp.parse("2026-01-02T03:04:05Z"), null, Id.hash(new byte[0]),
        List.of(paths), host, "", 0, 0, null, tags, null, "", null);
  }

  private final Snapshot web = snapshot("web", List.of("daily", "db"), "/srv", "/etc");
  private final Snapshot untagged = snapshot("web", List.of(), "/srv");
  private final Snapshot mail = snapshot("mail", List.of("daily"), "/var/mail");

  @Test
  void emptyFilterMatchesAll() {
    assertThat(List.of(web, untagged, mail)).allMatch(SnapshotFilter.ALL::matches);
  }

  @Test
  void hostsAreAlternatives() {
    SnapshotFilter f = new SnapshotFilter(List.of("mail", "other"), null, null);
    assertThat(f.matches(mail)).isTrue();
    assertThat(f.matches(web)).isFalse();
  }

  @Test
  void aTagSetNeedsAllItsTagsAndAnySetMatches() {
    SnapshotFilter both = new SnapshotFilter(null, SnapshotFilter.parseTagSets(List.of("daily, db")), null);
    assertThat(both.matches(web)).isTrue();
    assertThat(both.matches(mail)).isFalse();

    SnapshotFilter either = new SnapshotFilter(null, SnapshotFilter.parseTagSets(List.of("db", "daily")), null);
    assertThat(either.matches(mail)).isTrue();
    assertThat(either.matches(untagged)).isFalse();
  }

  @Test
  void emptyTagSelectsUntaggedSnapshots() {
    List<List<String>> sets = SnapshotFilter.parseTagSets(List.of(""));
    assertThat(sets).containsExactly(List.of(""));
    SnapshotFilter f = new SnapshotFilter(null, sets, null);
    assertThat(f.matches(untagged)).isTrue();
    assertThat(f.matches(web)).isFalse();
  }

  @Test
  void pathsMustAllBePresent() {
    assertThat(new SnapshotFilter(null, null, List.of("/srv")).matches(web)).isTrue();
    assertThat(new SnapshotFilter(null, null, List.of("/srv", "/etc")).matches(web)).isTrue();
    assertThat(new SnapshotFilter(null, null, List.of("/srv", "/etc")).matches(untagged)).isFalse();
  }

  @Test
  void conditionsCombine() {
    SnapshotFilter f = new SnapshotFilter(List.of("web"), List.of(List.of("daily")), List.of("/srv"));
    assertThat(f.matches(web)).isTrue();
    assertThat(f.matches(untagged)).isFalse();
    assertThat(f.matches(mail)).isFalse();
  }
}
