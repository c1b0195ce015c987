package dev.cairn.snapshot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * restic's forget policy (restic-format.md §10.1, current restic semantics): counted buckets,
 * {@code --keep-within}, the {@code --keep-within-*} buckets and {@code --keep-tag}.
 *
 * @param last keep the newest N snapshots; 0 off, -1 unlimited
 * @param hourly one per hour for the newest N hours that have snapshots
 * @param daily per day
 * @param weekly per ISO week
 * @param monthly per month
 * @param yearly per year
 * @param within keep everything newer than the newest snapshot minus this
 * @param withinHourly one per hour within this duration of the newest snapshot
 * @param withinDaily one per day within
 * @param withinWeekly one per ISO week within
 * @param withinMonthly one per month within
 * @param withinYearly one per year within
 * @param keepTags keep snapshots having all tags of one of these sets
 */
public record KeepPolicy(int last, int hourly, int daily, int weekly, int monthly, int yearly,
    KeepDuration within, KeepDuration withinHourly, KeepDuration withinDaily,
    KeepDuration withinWeekly, KeepDuration withinMonthly, KeepDuration withinYearly,
    List<List<String>> keepTags) {

  /** A policy keeping nothing by itself; {@link #isEmpty()}. */
  public static final KeepPolicy EMPTY = new KeepPolicy(0, 0, 0, 0, 0, 0, null, null, null, null,
      null, null, null);

  /** Null durations become zero, null tag lists empty; counts must be ≥ -1. */
  public KeepPolicy {
    for (int c : new int[] {last, hourly, daily, weekly, monthly, yearly}) {
      if (c < -1) {
        throw new IllegalArgumentException("keep count must be >= -1 (-1 = unlimited): " + c);
      }
    }
    within = Objects.requireNonNullElse(within, KeepDuration.ZERO);
    withinHourly = Objects.requireNonNullElse(withinHourly, KeepDuration.ZERO);
    withinDaily = Objects.requireNonNullElse(withinDaily, KeepDuration.ZERO);
    withinWeekly = Objects.requireNonNullElse(withinWeekly, KeepDuration.ZERO);
    withinMonthly = Objects.requireNonNullElse(withinMonthly, KeepDuration.ZERO);
    withinYearly = Objects.requireNonNullElse(withinYearly, KeepDuration.ZERO);
    List<List<String>> sets = new ArrayList<>();
    if (keepTags != null) {
      for (List<String> s : keepTags) {
        sets.add(List.copyOf(s));
      }
    }
    keepTags = List.copyOf(sets);
  }

  /** True when no option is set: forget would keep everything. */
  public boolean isEmpty() {
    return last == 0 && hourly == 0 && daily == 0 && weekly == 0 && monthly == 0 && yearly == 0
        && within.isZero() && withinHourly.isZero() && withinDaily.isZero()
        && withinWeekly.isZero() && withinMonthly.isZero() && withinYearly.isZero()
        && keepTags.isEmpty();
  }

  /** Why a snapshot is kept: restic's JSON {@code reasons} entry. */
  public record Reason(SnapshotRef snapshot, List<String> matches, Map<String, Integer> counters) {}

  /** The outcome for one group: both lists newest first. */
  public record Result(List<SnapshotRef> keep, List<SnapshotRef> remove, List<Reason> reasons) {}

  private static final String[] NAMES = {"last", "hourly", "daily", "weekly", "monthly", "yearly"};

  private static LocalDateTime local(Snapshot s) {
    return LocalDateTime.ofInstant(s.time().toInstant(),
        ZoneOffset.ofTotalSeconds(s.time().offsetSeconds()));
  }

  private static long bucket(int kind, Snapshot s, int nr) {
    LocalDateTime t = local(s);
    return switch (kind) {
      case 0 -> nr;
      case 1 -> t.getYear() * 1_000_000L + t.getMonthValue() * 10_000L + t.getDayOfMonth() * 100L
          + t.getHour();
      case 2 -> t.getYear() * 10_000L + t.getMonthValue() * 100L + t.getDayOfMonth();
      case 3 -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case 4 -> t.getYear() * 100L + t.getMonthValue();
      default -> t.getYear();
    };
  }

  /**
   * Applies the policy to one group. Sorts newest first (stable, so ties keep input order); the
   * reference for the within options is the newest snapshot not after {@code now}.
   */
  public Result apply(List<SnapshotRef> group, Instant now) {
    List<SnapshotRef> list = new ArrayList<>(group);
    list.sort(Comparator.comparing((SnapshotRef r) -> r.snapshot().time().toInstant()).reversed());
    List<SnapshotRef> keep = new ArrayList<>();
    List<SnapshotRef> remove = new ArrayList<>();
    List<Reason> reasons = new ArrayList<>();
    if (list.isEmpty()) {
      return new Result(keep, remove, reasons);
    }
    Snapshot latestSn = null;
    for (SnapshotRef r : list) {
      Instant t = r.snapshot().time().toInstant();
      if (t.isBefore(now) && (latestSn == null || t.isAfter(latestSn.time().toInstant()))) {
        latestSn = r.snapshot();
      }
    }
    // all in the future: restic's reference is Go's zero time, so every within option matches
    Instant latest = latestSn == null ? Instant.parse("0001-01-01T00:00:00Z")
        : latestSn.time().toInstant();
    ZoneOffset latestOff = latestSn == null ? ZoneOffset.UTC
        : ZoneOffset.ofTotalSeconds(latestSn.time().offsetSeconds());

    int[] counts = {last, hourly, daily, weekly, monthly, yearly};
    long[] lastVal = {-1, -1, -1, -1, -1, -1};
    KeepDuration[] withins = {withinHourly, withinDaily, withinWeekly, withinMonthly,
        withinYearly};
    Instant[] withinFrom = new Instant[5];
    for (int i = 0; i < 5; i++) {
      withinFrom[i] = withins[i].isZero() ? null : withins[i].subtractFrom(latest, latestOff);
    }
    long[] withinLast = {-1, -1, -1, -1, -1};
    Instant withinAll = within.isZero() ? null : within.subtractFrom(latest, latestOff);

    for (int nr = 0; nr < list.size(); nr++) {
      SnapshotRef cur = list.get(nr);
      Snapshot sn = cur.snapshot();
      Instant t = sn.time().toInstant();
      boolean oldest = nr == list.size() - 1;
      List<String> matches = new ArrayList<>();
      for (List<String> tags : keepTags) {
        if (sn.hasTags(tags)) {
          matches.add("has tags [" + String.join(", ", tags) + "]");
        }
      }
      if (withinAll != null && t.isAfter(withinAll)) {
        matches.add("within " + within);
      }
      for (int i = 0; i < 6; i++) {
        if (counts[i] > 0 || counts[i] == -1) {
          long val = bucket(i, sn, nr);
          if (val != lastVal[i] || oldest) {
            String reason = NAMES[i] + " snapshot";
            matches.add(val == lastVal[i] ? "oldest " + reason : reason);
            lastVal[i] = val;
            if (counts[i] > 0) {
              counts[i]--;
            }
          }
        }
      }
      for (int i = 0; i < 5; i++) {
        if (withinFrom[i] != null && t.isAfter(withinFrom[i])) {
          long val = bucket(i + 1, sn, nr);
          if (val != withinLast[i] || oldest) {
            matches.add((val == withinLast[i] ? "oldest " : "") + NAMES[i + 1] + " within "
                + withins[i]);
            withinLast[i] = val;
          }
        }
      }
      if (matches.isEmpty()) {
        remove.add(cur);
      } else {
        keep.add(cur);
        Map<String, Integer> counters = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
          if (counts[i] != 0) {
            counters.put(NAMES[i], counts[i]);
          }
        }
        reasons.add(new Reason(cur, List.copyOf(matches), counters));
      }
    }
    return new Result(keep, remove, reasons);
  }

}
