package dev.cairn.cli;

import dev.cairn.backend.Handle;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.prune.PruneOptions;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.GroupKey;
import dev.cairn.snapshot.KeepDuration;
import dev.cairn.snapshot.KeepPolicy;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotGroup;
import dev.cairn.snapshot.SnapshotRef;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn forget}: removes snapshots by id or by a keep policy (restic-format.md §10.1).
 * Only the {@code snapshots/} files go; the data stays until prune.
 *
 * <p>The snapshot filters are declared here rather than through {@link FilterOptions}: as in
 * restic's forget, {@code -H} means {@code --keep-hourly}, not {@code --host}.
 */
@Command(name = "forget", description = "Remove snapshots from the repository")
final class ForgetCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  @ParentCommand Main main;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "remove these snapshots")
  List<String> ids = new ArrayList<>();

  @Option(names = {"-l", "--keep-last"}, description = "keep the last N snapshots (-1 = all)")
  int keepLast;

  @Option(names = {"-H", "--keep-hourly"}, description = "keep the last N hourly snapshots")
  int keepHourly;

  @Option(names = {"-d", "--keep-daily"}, description = "keep the last N daily snapshots")
  int keepDaily;

  @Option(names = {"-w", "--keep-weekly"}, description = "keep the last N weekly snapshots")
  int keepWeekly;

  @Option(names = {"-m", "--keep-monthly"}, description = "keep the last N monthly snapshots")
  int keepMonthly;

  @Option(names = {"-y", "--keep-yearly"}, description = "keep the last N yearly snapshots")
  int keepYearly;

  @Option(names = "--keep-within", description = "keep snapshots newer than the latest minus D (e.g. 1y5m7d2h)")
  String keepWithin;

  @Option(names = "--keep-within-hourly", description = "keep hourly snapshots within D of the latest")
  String keepWithinHourly;

  @Option(names = "--keep-within-daily", description = "keep daily snapshots within D of the latest")
  String keepWithinDaily;

  @Option(names = "--keep-within-weekly", description = "keep weekly snapshots within D of the latest")
  String keepWithinWeekly;

  @Option(names = "--keep-within-monthly", description = "keep monthly snapshots within D of the latest")
  String keepWithinMonthly;

  @Option(names = "--keep-within-yearly", description = "keep yearly snapshots within D of the latest")
  String keepWithinYearly;

  @Option(names = "--keep-tag", description = "keep snapshots with these tags, a,b means both (repeatable)")
  List<String> keepTags = new ArrayList<>();

  @Option(names = {"-g", "--group-by"}, description = "group snapshots by host, paths and/or tags (default host,paths)")
  String groupBy = "host,paths";

  @Option(names = "--host", description = "only consider snapshots of this host (repeatable)")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--tag", description = "only consider snapshots with these tags, a,b means both (repeatable)")
  List<String> tags = new ArrayList<>();

  @Option(names = "--path", description = "only consider snapshots with this path (repeatable)")
  List<String> paths = new ArrayList<>();

  @Option(names = {"-n", "--dry-run"}, description = "only show what would be removed")
  boolean dryRun;

  @Option(names = "--unsafe-allow-remove-all", description = "allow removing all snapshots of a group (needs a filter without a policy)")
  boolean unsafeAllowRemoveAll;

  @Option(names = "--prune", description = "automatically run the 'prune' command if snapshots have been removed")
  boolean prune;

  @Mixin PruneFlags pruneFlags;

  private static KeepDuration duration(String flag, String value) {
    if (value == null) {
      return null;
    }
    try {
      return KeepDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CairnException(flag + ": " + e.getMessage());
    }
  }

  KeepPolicy policy() {
    return new KeepPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly,
        duration("--keep-within", keepWithin),
        duration("--keep-within-hourly", keepWithinHourly),
        duration("--keep-within-daily", keepWithinDaily),
        duration("--keep-within-weekly", keepWithinWeekly),
        duration("--keep-within-monthly", keepWithinMonthly),
        duration("--keep-within-yearly", keepWithinYearly),
        SnapshotFilter.parseTagSets(keepTags));
  }

  @Override
  public Integer call() throws Exception {
    KeepPolicy policy;
    GroupKey.By by;
    try {
      for (int c : new int[] {keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly,
          keepYearly}) {
        if (c < -1) {
          throw new CairnException("keep counts must be >= -1 (-1 keeps all), got " + c);
        }
      }
      policy = policy();
      by = GroupKey.By.parse(groupBy);
    } catch (IllegalArgumentException e) {
      throw new CairnException(e.getMessage());
    }
    SnapshotFilter filter = new SnapshotFilter(hosts, SnapshotFilter.parseTagSets(tags), paths);
    if (unsafeAllowRemoveAll && filter.equals(SnapshotFilter.ALL) && ids.isEmpty()) {
      throw new CairnException(
          "--unsafe-allow-remove-all is not allowed unless a snapshot filter option is specified");
    }
    if (!unsafeAllowRemoveAll && policy.isEmpty() && ids.isEmpty()) {
      throw new CairnException("no policy was specified, no snapshots will be removed");
    }
    boolean json = main.global().json;
    PruneOptions pruneOptions = prune ? pruneFlags.options() : null;
    try (Repository repo = main.locator().open()) {
      PruneRun pruneRun = prune ? new PruneRun(main, repo, pruneOptions) : null;
      if (pruneRun != null) {
        pruneRun.checkPreconditions();
      }
      try (LockScope lock = LockScope.acquire(main, repo, true, dryRun && !prune)) {
        Set<SnapshotRef> removed = forget(repo, policy, by, filter);
        if (pruneRun != null && !removed.isEmpty()) {
          if (!json) {
            main.out().println(removed.size() + " snapshots have been removed, running prune");
          }
          Set<Id> ignore = new HashSet<>();
          removed.forEach(r -> ignore.add(r.id()));
          pruneRun.run(ignore, dryRun);
        }
      }
    }
    return ExitCodes.OK;
  }

  /** Removes (or with --dry-run lists) the snapshots to forget; returns them. */
  private Set<SnapshotRef> forget(Repository repo, KeepPolicy policy, GroupKey.By by,
      SnapshotFilter filter) throws IOException {
    boolean json = main.global().json;
    SnapshotFinder finder = new SnapshotFinder(repo);
    Set<SnapshotRef> toRemove = new LinkedHashSet<>();
    StringBuilder text = new StringBuilder();
    if (!ids.isEmpty()) {
      for (String id : ids) {
        SnapshotFinder.Found f = finder.find(id, filter);
        toRemove.add(new SnapshotRef(f.id(), f.snapshot()));
      }
      remove(repo, toRemove, text);
      if (!json) {
        main.out().println(text.toString().stripTrailing());
      }
      return toRemove;
    }
    List<SnapshotRef> all = new ArrayList<>();
    for (SnapshotFinder.Found f : finder.matching(filter)) {
      all.add(new SnapshotRef(f.id(), f.snapshot()));
    }
    Instant now = Instant.now();
    List<Object> groups = new ArrayList<>();
    if (!json) {
      text.append("Applying Policy: ").append(describe(policy)).append("\n\n");
    }
    for (SnapshotGroup g : GroupKey.group(all, by)) {
      KeepPolicy.Result r = policy.isEmpty()
          ? new KeepPolicy.Result(List.of(), g.snapshots(), List.of())
          : policy.apply(g.snapshots(), now);
      if (r.keep().isEmpty() && !r.remove().isEmpty() && !unsafeAllowRemoveAll) {
        throw new CairnException("refusing to delete last snapshot of snapshot group \""
            + g.key() + "\"");
      }
      toRemove.addAll(r.remove());
      if (json) {
        groups.add(jsonGroup(g.key(), r));
      } else {
        textGroup(text, g.key(), r);
      }
    }
    if (json) {
      main.out().json(groups);
    }
    remove(repo, toRemove, text);
    if (!json) {
      main.out().println(text.toString().stripTrailing());
    }
    return toRemove;
  }

  private void remove(Repository repo, Set<SnapshotRef> refs, StringBuilder text)
      throws IOException {
    if (refs.isEmpty()) {
      return;
    }
    if (dryRun) {
      text.append("Would have removed the following snapshots:\n");
      for (SnapshotRef r : refs) {
        text.append(r.id().shortHex()).append('\n');
      }
      return;
    }
    int n = 0;
    for (SnapshotRef r : refs) {
      repo.backend().remove(new Handle(FileType.SNAPSHOT, r.id().hex()));
      n++;
    }
    text.append("[0:00] 100.00%  ").append(n).append(" / ").append(n)
        .append(" files deleted\n");
  }

  private static String describe(KeepPolicy p) {
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

  private static Map<String, Object> snapshotJson(SnapshotRef r) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = Output.json().readValue(r.snapshot().encode(), LinkedHashMap.class);
    m.put("id", r.id().hex());
    m.put("short_id", r.id().shortHex());
    return m;
  }

  private static Map<String, Object> jsonGroup(GroupKey key, KeepPolicy.Result r)
      throws IOException {
    Map<String, Object> g = new LinkedHashMap<>();
    // restic marshals Go nil slices: an empty (or ungrouped) list is null
    g.put("tags", key.tags() == null || key.tags().isEmpty() ? null : key.tags());
    g.put("host", key.hostname());
    g.put("paths", key.paths() == null || key.paths().isEmpty() ? null : key.paths());
    List<Object> keep = new ArrayList<>();
    for (SnapshotRef s : r.keep()) {
      keep.add(snapshotJson(s));
    }
    List<Object> remove = new ArrayList<>();
    for (SnapshotRef s : r.remove()) {
      remove.add(snapshotJson(s));
    }
    List<Object> reasons = new ArrayList<>();
    for (KeepPolicy.Reason reason : r.reasons()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("snapshot", snapshotJson(reason.snapshot()));
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
          row.add(s.time().toInstant().atZone(ZoneId.systemDefault()).format(TIME));
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
