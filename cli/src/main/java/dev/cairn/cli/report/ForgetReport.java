package dev.cairn.cli.report;

import dev.cairn.operation.ForgetListener;
import dev.cairn.operation.ForgetOutcome;
import dev.cairn.prune.PrunePlan;
import dev.cairn.snapshot.GroupKey;
import dev.cairn.snapshot.KeepDuration;
import dev.cairn.snapshot.KeepPolicy;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a forget as restic 0.14's forget does: the policy and, per group, the snapshots kept
 * (with the reasons) and removed, as tables or restic's JSON; then the removal, and the prune
 * that follows ({@link PruneReport}).
 */
public final class ForgetReport implements ForgetListener {
  private final Output out;
  private final boolean json;
  private final KeepPolicy policy;
  private final boolean prune;
  private final PruneReport pruneReport;

  /**
   * @param policy the policy applied (described before the groups), or null when snapshots
   *     are removed by id
   * @param prune whether a prune follows
   */
  public ForgetReport(Output out, boolean json, int verbosity, boolean dryRun, KeepPolicy policy,
      boolean prune) {
    this.out = out;
    this.json = json;
    this.policy = policy;
    this.prune = prune;
    this.pruneReport = new PruneReport(out, json, verbosity, dryRun);
  }

  @Override
  public void forgotten(ForgetOutcome o) {
    if (json) {
      if (policy != null) {
        printJsonGroups(o);
      }
    } else {
      out.println(text(o).stripTrailing());
    }
    if (prune && !o.removed().isEmpty() && !json) {
      out.println(o.removed().size() + " snapshots have been removed, running prune");
    }
  }

  @Override
  public void step(String message) {
    pruneReport.step(message);
  }

  @Override
  public void detail(String message) {
    pruneReport.detail(message);
  }

  @Override
  public void planned(PrunePlan plan) {
    pruneReport.planned(plan);
  }

  private void printJsonGroups(ForgetOutcome o) {
    List<Object> groups = new ArrayList<>();
    for (ForgetOutcome.Group g : o.groups()) {
      groups.add(jsonGroup(g.key(), g.result()));
    }
    out.json(groups);
  }

  private String text(ForgetOutcome o) {
    StringBuilder text = new StringBuilder();
    if (policy != null) {
      text.append("Applying Policy: ").append(describe(policy)).append("\n\n");
      for (ForgetOutcome.Group g : o.groups()) {
        textGroup(text, g.key(), g.result());
      }
    }
    if (o.removed().isEmpty()) {
      return text.toString();
    }
    if (o.dryRun()) {
      text.append("Would have removed the following snapshots:\n");
      for (SnapshotRef r : o.removed()) {
        text.append(r.id().shortHex()).append('\n');
      }
    } else {
      int n = o.removed().size();
      text.append("[0:00] 100.00%  ").append(n).append(" / ").append(n)
          .append(" files deleted\n");
    }
    return text.toString();
  }

  /** The policy as restic words it after "Applying Policy: ". */
  public static String describe(KeepPolicy p) {
    List<String> parts = new ArrayList<>();
    count(parts, p.last(), "latest");
    count(parts, p.hourly(), "hourly");
    count(parts, p.daily(), "daily");
    count(parts, p.weekly(), "weekly");
    count(parts, p.monthly(), "monthly");
    count(parts, p.yearly(), "yearly");
    StringBuilder sb = new StringBuilder();
    if (!parts.isEmpty()) {
      sb.append("keep ").append(String.join(", ", parts)).append(" snapshots");
    }
    within(sb, p.within(), "all snapshots within ");
    within(sb, p.withinHourly(), "hourly snapshots within ");
    within(sb, p.withinDaily(), "daily snapshots within ");
    within(sb, p.withinWeekly(), "weekly snapshots within ");
    within(sb, p.withinMonthly(), "monthly snapshots within ");
    within(sb, p.withinYearly(), "yearly snapshots within ");
    for (List<String> t : p.keepTags()) {
      sb.append(sb.length() == 0 ? "keep" : ",").append(" snapshots with tags [")
          .append(String.join(", ", t)).append(']');
    }
    return sb.length() == 0 ? "remove all snapshots" : sb.toString();
  }

  private static void count(List<String> parts, int n, String what) {
    if (n == -1) {
      parts.add("all " + what);
    } else if (n > 0) {
      parts.add(n + " " + what);
    }
  }

  private static void within(StringBuilder sb, KeepDuration d, String what) {
    if (!d.isZero()) {
      sb.append(sb.length() == 0 ? "keep " : ", ").append(what).append(d);
    }
  }

  private static Map<String, Object> jsonGroup(GroupKey key, KeepPolicy.Result r) {
    Map<String, Object> g = new LinkedHashMap<>();
    // restic marshals Go nil slices: an empty (or ungrouped) list is null
    g.put("tags", key.tags() == null || key.tags().isEmpty() ? null : key.tags());
    g.put("host", key.hostname());
    g.put("paths", key.paths() == null || key.paths().isEmpty() ? null : key.paths());
    List<Object> keep = new ArrayList<>();
    for (SnapshotRef s : r.keep()) {
      keep.add(SnapshotListing.json(s));
    }
    List<Object> remove = new ArrayList<>();
    for (SnapshotRef s : r.remove()) {
      remove.add(SnapshotListing.json(s));
    }
    List<Object> reasons = new ArrayList<>();
    for (KeepPolicy.Reason reason : r.reasons()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("snapshot", SnapshotListing.json(reason.snapshot()));
      m.put("matches", reason.matches());
      m.put("counters", reason.counters());
      reasons.add(m);
    }
    // Go marshals the empty (nil) slices as null
    g.put("keep", keep.isEmpty() ? null : keep);
    g.put("remove", remove.isEmpty() ? null : remove);
    g.put("reasons", reasons.isEmpty() ? null : reasons);
    return g;
  }

  private static void textGroup(StringBuilder sb, GroupKey key, KeepPolicy.Result r) {
    String k = key.toString();
    if (!k.isEmpty()) {
      sb.append("snapshots for (").append(k).append("):\n");
    }
    Map<SnapshotRef, List<String>> why = new LinkedHashMap<>();
    for (KeepPolicy.Reason reason : r.reasons()) {
      why.put(reason.snapshot(), reason.matches());
    }
    if (!r.keep().isEmpty()) {
      sb.append("keep ").append(r.keep().size()).append(" snapshots:\n");
      table(sb, r.keep(), why);
      sb.append('\n');
    }
    if (!r.remove().isEmpty()) {
      sb.append("remove ").append(r.remove().size()).append(" snapshots:\n");
      table(sb, r.remove(), null);
      sb.append('\n');
    }
  }

  private static void table(StringBuilder sb, List<SnapshotRef> list,
      Map<SnapshotRef, List<String>> why) {
    String fmt = why == null ? "%-8s  %-19s  %-10s  %-10s  %s%n"
        : "%-8s  %-19s  %-10s  %-10s  %-20s  %s%n";
    List<String> header = new ArrayList<>(List.of("ID", "Time", "Host", "Tags"));
    if (why != null) {
      header.add("Reasons");
    }
    header.add("Paths");
    sb.append(String.format(Locale.ROOT, fmt, header.toArray()));
    int width = why == null ? 72 : 94;
    sb.append("-".repeat(width)).append('\n');
    for (SnapshotRef r : list) {
      Snapshot s = r.snapshot();
      List<String> ps = s.paths() == null ? List.of() : s.paths();
      List<String> rs = why == null ? List.of() : why.getOrDefault(r, List.of());
      int lines = Math.max(1, Math.max(ps.size(), rs.size()));
      for (int i = 0; i < lines; i++) {
        List<Object> row = new ArrayList<>();
        if (i == 0) {
          row.add(r.id().shortHex());
          row.add(SnapshotListing.time(s));
          row.add(s.hostname());
          row.add(String.join(",", s.tags()));
        } else {
          row.addAll(List.of("", "", "", ""));
        }
        if (why != null) {
          row.add(i < rs.size() ? rs.get(i) : "");
        }
        row.add(i < ps.size() ? ps.get(i) : "");
        sb.append(String.format(Locale.ROOT, fmt, row.toArray()));
      }
    }
    sb.append("-".repeat(width)).append('\n');
    sb.append(list.size()).append(" snapshots\n");
  }
}
