package dev.cairn.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.Id;
import dev.cairn.tree.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeepPolicyTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final Id TREE = Id.hash(new byte[0]);
  private static final String[] HOSTS = {"alpha", "beta", "gamma"};
  private static final List<List<String>> PATHS = List.of(List.of("/a"), List.of("/b", "/c"));
  private static final List<List<String>> TAGS =
      List.of(List.of(), List.of("daily"), List.of("important", "x"));
  private static final int[] OFFSETS = {0, 3600, -5 * 3600, 5 * 3600 + 1800};

  private static int counter;

  private static SnapshotRef snap(String time, int offsetSeconds, String host, List<String> paths,
      List<String> tags) {
    Instant t = OffsetDateTime.parse(time).toInstant();
    Snapshot s = new Snapshot(new Timestamp(t.getEpochSecond(), t.getNano(), offsetSeconds),
        null, TREE, paths, host, "", 0, 0, null, tags, null, "", null);
    Id id = Id.hash(("s" + counter++).getBytes(StandardCharsets.UTF_8));
    return new SnapshotRef(id, s);
  }

  /** Irregular times over two years: bursts within hours, gaps of days and weeks. */
  private static List<SnapshotRef> generate(long seed) {
    Random rnd = new Random(seed);
    List<SnapshotRef> out = new ArrayList<>();
    Instant t = Instant.parse("2022-01-01T00:00:00Z");
    Instant end = Instant.parse("2024-01-01T00:00:00Z");
    while (t.isBefore(end)) {
      int kind = rnd.nextInt(10);
      long step = kind < 3 ? rnd.nextInt(3600) + 1 : kind < 7 ? rnd.nextInt(86400 * 2)
          : rnd.nextInt(86400 * 20);
      t = t.plusSeconds(step);
      Instant when = t;
      out.add(snap(when.atOffset(ZoneOffset.UTC).toString(),
          OFFSETS[rnd.nextInt(OFFSETS.length)], HOSTS[rnd.nextInt(HOSTS.length)],
          PATHS.get(rnd.nextInt(PATHS.size())), TAGS.get(rnd.nextInt(TAGS.size()))));
    }
    return out;
  }

  private static LocalDateTime local(SnapshotRef r) {
    Timestamp ts = r.snapshot().time();
    return LocalDateTime.ofInstant(ts.toInstant(), ZoneOffset.ofTotalSeconds(ts.offsetSeconds()));
  }

  private static List<SnapshotRef> newestFirst(List<SnapshotRef> g) {
    List<SnapshotRef> l = new ArrayList<>(g);
    l.sort(Comparator.comparing((SnapshotRef r) -> r.snapshot().time().toInstant()).reversed());
    return l;
  }

  /**
   * Independent statement of a counted bucket: the newest snapshot of each of the n newest
   * distinct bucket values, plus the group's oldest while fewer than n values exist.
   */
  private static Set<SnapshotRef> expectedBucket(List<SnapshotRef> group, int n,
      Function<LocalDateTime, Object> bucket) {
    List<SnapshotRef> l = newestFirst(group);
    Set<SnapshotRef> keep = new LinkedHashSet<>();
    Set<Object> seen = new HashSet<>();
    for (SnapshotRef r : l) {
      if (seen.add(bucket.apply(local(r))) && (n == -1 || seen.size() <= n)) {
        keep.add(r);
      }
    }
    if (n == -1 || seen.size() < n) {
      keep.add(l.get(l.size() - 1));
    }
    return keep;
  }

  private static void checkBucket(KeepPolicy p, int n, Function<LocalDateTime, Object> bucket,
      String reason) {
    for (long seed = 1; seed <= 4; seed++) {
      List<SnapshotRef> all = generate(seed);
      for (SnapshotGroup g : GroupKey.group(all, GroupKey.By.DEFAULT)) {
        KeepPolicy.Result r = p.apply(g.snapshots(), NOW);
        Set<SnapshotRef> expected = expectedBucket(g.snapshots(), n, bucket);
        assertThat(new LinkedHashSet<>(r.keep())).as("seed %d group %s", seed, g.key())
            .isEqualTo(expected);
        assertThat(r.keep().size() + r.remove().size()).isEqualTo(g.snapshots().size());
        assertThat(r.reasons()).allSatisfy(x -> assertThat(x.matches())
            .allSatisfy(m -> assertThat(m).isIn(reason, "oldest " + reason)));
      }
    }
  }

  private static KeepPolicy counts(int last, int hourly, int daily, int weekly, int monthly,
      int yearly) {
    return new KeepPolicy(last, hourly, daily, weekly, monthly, yearly, null, null, null, null,
        null, null, null);
  }

  @Test
  void keepLast() {
    checkBucket(counts(5, 0, 0, 0, 0, 0), 5, t -> new Object(), "last snapshot");
    checkBucket(counts(1000, 0, 0, 0, 0, 0), 1000, t -> new Object(), "last snapshot");
  }

  @Test
  void keepHourly() {
    checkBucket(counts(0, 10, 0, 0, 0, 0), 10, t -> t.withMinute(0).withSecond(0).withNano(0),
        "hourly snapshot");
  }

  @Test
  void keepDaily() {
    checkBucket(counts(0, 0, 14, 0, 0, 0), 14, LocalDateTime::toLocalDate, "daily snapshot");
    checkBucket(counts(0, 0, -1, 0, 0, 0), -1, LocalDateTime::toLocalDate, "daily snapshot");
  }

  @Test
  void keepWeekly() {
    checkBucket(counts(0, 0, 0, 8, 0, 0), 8,
        t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-" + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
        "weekly snapshot");
  }

  @Test
  void keepMonthly() {
    checkBucket(counts(0, 0, 0, 0, 12, 0), 12, t -> t.getYear() * 100 + t.getMonthValue(),
        "monthly snapshot");
    checkBucket(counts(0, 0, 0, 0, 100, 0), 100, t -> t.getYear() * 100 + t.getMonthValue(),
        "monthly snapshot");
  }

  @Test
  void keepYearly() {
    checkBucket(counts(0, 0, 0, 0, 0, 5), 5, LocalDateTime::getYear, "yearly snapshot");
  }

  @Test
  void combinedBucketsKeepTheUnion() {
    List<SnapshotRef> all = generate(7);
    for (SnapshotGroup g : GroupKey.group(all, GroupKey.By.DEFAULT)) {
      KeepPolicy.Result r = counts(2, 0, 7, 4, 6, 0).apply(g.snapshots(), NOW);
      Set<SnapshotRef> expected = new LinkedHashSet<>();
      expected.addAll(expectedBucket(g.snapshots(), 2, t -> new Object()));
      expected.addAll(expectedBucket(g.snapshots(), 7, LocalDateTime::toLocalDate));
      expected.addAll(expectedBucket(g.snapshots(), 4,
          t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100 + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
      expected.addAll(expectedBucket(g.snapshots(), 6, t -> t.getYear() * 100 + t.getMonthValue()));
      assertThat(new HashSet<>(r.keep())).isEqualTo(expected);
    }
  }

  @Test
  void keepWithin() {
    KeepDuration d = KeepDuration.parse("1m15d");
    KeepPolicy p = new KeepPolicy(0, 0, 0, 0, 0, 0, d, null, null, null, null, null, null);
    for (long seed = 1; seed <= 3; seed++) {
      for (SnapshotGroup g : GroupKey.group(generate(seed), GroupKey.By.DEFAULT)) {
        KeepPolicy.Result r = p.apply(g.snapshots(), NOW);
        SnapshotRef latest = newestFirst(g.snapshots()).get(0);
        ZoneOffset off = ZoneOffset.ofTotalSeconds(latest.snapshot().time().offsetSeconds());
        Instant from = d.subtractFrom(local(latest)).toInstant(off);
        Set<SnapshotRef> expected = g.snapshots().stream()
            .filter(s -> s.snapshot().time().toInstant().isAfter(from))
            .collect(Collectors.toSet());
        assertThat(new HashSet<>(r.keep())).isEqualTo(expected);
        assertThat(r.reasons()).allSatisfy(x -> assertThat(x.matches())
            .containsExactly("within 1m15d"));
      }
    }
  }

  @Test
  void keepWithinDaily() {
    KeepDuration d = KeepDuration.parse("20d");
    KeepPolicy p = new KeepPolicy(0, 0, 0, 0, 0, 0, null, null, d, null, null, null, null);
    for (long seed = 1; seed <= 3; seed++) {
      for (SnapshotGroup g : GroupKey.group(generate(seed), GroupKey.By.DEFAULT)) {
        KeepPolicy.Result r = p.apply(g.snapshots(), NOW);
        List<SnapshotRef> l = newestFirst(g.snapshots());
        Instant from = l.get(0).snapshot().time().toInstant().minusSeconds(20 * 86400);
        Set<SnapshotRef> expected = new HashSet<>();
        Set<Object> days = new HashSet<>();
        for (SnapshotRef s : l) {
          if (s.snapshot().time().toInstant().isAfter(from) && days.add(local(s).toLocalDate())) {
            expected.add(s);
          }
        }
        SnapshotRef oldest = l.get(l.size() - 1);
        if (oldest.snapshot().time().toInstant().isAfter(from)) {
          expected.add(oldest);
        }
        assertThat(new HashSet<>(r.keep())).isEqualTo(expected);
      }
    }
  }

  @Test
  void keepWithinOtherBuckets() {
    List<SnapshotRef> g = List.of(
        snap("2024-05-10T10:00:00Z", 0, "h", List.of("/a"), List.of()),
        snap("2024-05-10T10:30:00Z", 0, "h", List.of("/a"), List.of()),
        snap("2024-05-10T11:00:00Z", 0, "h", List.of("/a"), List.of()),
        snap("2024-04-01T11:00:00Z", 0, "h", List.of("/a"), List.of()),
        snap("2023-04-01T11:00:00Z", 0, "h", List.of("/a"), List.of()));
    KeepDuration two = KeepDuration.parse("2y");
    assertThat(ids(new KeepPolicy(0, 0, 0, 0, 0, 0, null, KeepDuration.parse("2h"), null, null,
        null, null, null).apply(g, NOW).keep())).containsExactly(ids(g, 2, 1));
    assertThat(ids(new KeepPolicy(0, 0, 0, 0, 0, 0, null, null, null, two, null, null, null)
        .apply(g, NOW).keep())).containsExactly(ids(g, 2, 3, 4));
    assertThat(ids(new KeepPolicy(0, 0, 0, 0, 0, 0, null, null, null, null, two, null, null)
        .apply(g, NOW).keep())).containsExactly(ids(g, 2, 3, 4));
    KeepPolicy.Result yearly = new KeepPolicy(0, 0, 0, 0, 0, 0, null, null, null, null, null,
        two, null).apply(g, NOW);
    assertThat(ids(yearly.keep())).containsExactly(ids(g, 2, 4));
    assertThat(yearly.reasons().get(0).matches()).containsExactly("yearly within 2y");
  }

  @Test
  void keepTags() {
    KeepPolicy p = new KeepPolicy(0, 0, 0, 0, 0, 0, null, null, null, null, null, null,
        List.of(List.of("important", "x"), List.of("daily")));
    for (SnapshotGroup g : GroupKey.group(generate(3), GroupKey.By.DEFAULT)) {
      KeepPolicy.Result r = p.apply(g.snapshots(), NOW);
      assertThat(new HashSet<>(r.keep())).isEqualTo(g.snapshots().stream()
          .filter(s -> !s.snapshot().tags().isEmpty()).collect(Collectors.toSet()));
      for (KeepPolicy.Reason reason : r.reasons()) {
        assertThat(reason.matches()).containsExactly(reason.snapshot().snapshot().hasTag("daily")
            ? "has tags [daily]" : "has tags [important, x]");
        assertThat(reason.counters()).isEmpty();
      }
    }
  }

  @Test
  void bucketsUseTheStoredZone() {
    // 23:30 at +02:00 is 21:30Z the same day; 00:30 at +02:00 on the 2nd is 22:30Z on the 1st
    List<SnapshotRef> g = List.of(
        snap("2024-01-01T21:30:00Z", 7200, "h", List.of("/a"), List.of()),
        snap("2024-01-01T22:30:00Z", 7200, "h", List.of("/a"), List.of()),
        snap("2024-01-01T23:00:00Z", 0, "h", List.of("/a"), List.of()));
    KeepPolicy.Result r = counts(0, 0, 2, 0, 0, 0).apply(g, NOW);
    // newest first: 23:00Z (day 1 in UTC), 22:30Z (day 2 at +02), 21:30Z (day 1 at +02)
    assertThat(ids(r.keep())).containsExactly(ids(g, 2, 1));
    assertThat(r.reasons().get(1).counters()).isEmpty();
  }

  @Test
  void isoWeeksAndOldestReason() {
    List<SnapshotRef> g = List.of(
        snap("2024-12-28T12:00:00Z", 0, "h", List.of("/a"), List.of()), // 2024-W52
        snap("2024-12-29T12:00:00Z", 0, "h", List.of("/a"), List.of()), // 2024-W52
        snap("2024-12-30T12:00:00Z", 0, "h", List.of("/a"), List.of())); // 2025-W01
    KeepPolicy.Result r = counts(0, 0, 0, 5, 0, 0).apply(g, NOW);
    assertThat(ids(r.keep())).containsExactly(ids(g, 2, 1, 0));
    assertThat(r.reasons().get(2).matches()).containsExactly("oldest weekly snapshot");
    assertThat(r.reasons().get(0).counters()).containsEntry("weekly", 4);
    KeepPolicy.Result two = counts(0, 0, 0, 2, 0, 0).apply(g, NOW);
    assertThat(ids(two.keep())).containsExactly(ids(g, 2, 1));
    assertThat(ids(two.remove())).containsExactly(ids(g, 0));
  }

  @Test
  void futureSnapshotsDoNotMoveTheWithinReference() {
    List<SnapshotRef> g = List.of(
        snap("2024-01-01T00:00:00Z", 0, "h", List.of("/a"), List.of()),
        snap("2024-01-05T00:00:00Z", 0, "h", List.of("/a"), List.of()),
        snap("2031-01-01T00:00:00Z", 0, "h", List.of("/a"), List.of()));
    KeepPolicy p = new KeepPolicy(0, 0, 0, 0, 0, 0, KeepDuration.parse("2d"), null, null, null,
        null, null, null);
    assertThat(ids(p.apply(g, NOW).keep())).containsExactly(ids(g, 2, 1));
  }

  @Test
  void durationParsingAndGoCalendarArithmetic() {
    assertThat(KeepDuration.parse("1y2m3d4h")).isEqualTo(new KeepDuration(1, 2, 3, 4));
    assertThat(KeepDuration.parse("5h3d")).isEqualTo(new KeepDuration(0, 0, 3, 5));
    assertThat(KeepDuration.parse("1y2m3d4h").toString()).isEqualTo("1y2m3d4h");
    assertThat(KeepDuration.parse("0y7d").toString()).isEqualTo("7d");
    for (String bad : new String[] {"", "7", "d", "7w", "1.5d", "-1d"}) {
      assertThatThrownBy(() -> KeepDuration.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    // Go normalises Feb 31 to Mar 2 (2024 is a leap year); java.time would clamp to Feb 29
    assertThat(KeepDuration.parse("1m").subtractFrom(LocalDateTime.parse("2024-03-31T10:00")))
        .isEqualTo(LocalDateTime.parse("2024-03-02T10:00"));
    assertThat(KeepDuration.parse("1y").subtractFrom(LocalDateTime.parse("2024-02-29T10:00")))
        .isEqualTo(LocalDateTime.parse("2023-03-01T10:00"));
    assertThat(KeepDuration.parse("1d25h").subtractFrom(LocalDateTime.parse("2024-01-02T00:30")))
        .isEqualTo(LocalDateTime.parse("2023-12-30T23:30"));
    assertThat(KeepDuration.parse("14m").subtractFrom(LocalDateTime.parse("2024-01-15T00:00")))
        .isEqualTo(LocalDateTime.parse("2022-11-15T00:00"));
  }

  @Test
  void groupingAndGroupByParsing() {
    assertThat(GroupKey.By.parse("host,paths")).isEqualTo(GroupKey.By.DEFAULT);
    assertThat(GroupKey.By.parse("")).isEqualTo(new GroupKey.By(false, false, false));
    assertThat(GroupKey.By.parse("tags,host")).isEqualTo(new GroupKey.By(true, false, true));
    assertThatThrownBy(() -> GroupKey.By.parse("hostname"))
        .isInstanceOf(IllegalArgumentException.class);
    List<SnapshotRef> all = generate(5);
    assertThat(GroupKey.group(all, GroupKey.By.parse(""))).hasSize(1);
    assertThat(GroupKey.group(all, GroupKey.By.parse("host"))).hasSize(3);
    assertThat(GroupKey.group(all, GroupKey.By.DEFAULT)).hasSize(6);
    assertThat(GroupKey.group(all, GroupKey.By.parse("host,paths,tags"))).hasSize(18);
    SnapshotRef s = snap("2024-01-01T00:00:00Z", 0, "h", List.of("/z", "/a"), List.of("b", "a"));
    assertThat(GroupKey.of(s.snapshot(), GroupKey.By.parse("paths,tags")))
        .isEqualTo(new GroupKey("", List.of("/a", "/z"), List.of("a", "b")));
  }

  private static List<Id> ids(List<SnapshotRef> l) {
    return l.stream().map(SnapshotRef::id).toList();
  }

  private static Id[] ids(List<SnapshotRef> l, int... idx) {
    Id[] out = new Id[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = l.get(idx[i]).id();
    }
    return out;
  }
}
