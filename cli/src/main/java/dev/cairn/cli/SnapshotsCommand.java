package dev.cairn.cli;

import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn snapshots}: lists snapshots, as a table or restic's JSON array. */
@Command(name = "snapshots", description = "List all snapshots")
final class SnapshotsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  @ParentCommand Main main;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "only these snapshots")
  List<String> ids = new ArrayList<>();

  @Mixin FilterOptions filters;

  @Override
  public Integer call() throws Exception {
    try (Repository repo = main.locator().open();
        LockScope lock = LockScope.acquire(main, repo, false, true)) {
      SnapshotFinder finder = new SnapshotFinder(repo);
      List<SnapshotFinder.Found> list = new ArrayList<>();
      if (ids.isEmpty()) {
        list.addAll(finder.matching(filters.filter()));
      } else {
        for (String id : ids) {
          list.add(finder.find(id, filters.filter()));
        }
      }
      if (main.global().json) {
        List<Object> arr = new ArrayList<>();
        for (SnapshotFinder.Found f : list) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = Output.json().readValue(f.snapshot().encode(), LinkedHashMap.class);
          m.put("id", f.id().hex());
          m.put("short_id", f.id().shortHex());
          arr.add(m);
        }
        main.out().json(arr);
        return ExitCodes.OK;
      }
      StringBuilder sb = new StringBuilder();
      String fmt = "%-8s  %-19s  %-10s  %-10s  %s%n";
      sb.append(String.format(Locale.ROOT, fmt, "ID", "Time", "Host", "Tags", "Paths"));
      sb.append("-".repeat(72)).append('\n');
      for (SnapshotFinder.Found f : list) {
        Snapshot s = f.snapshot();
        String time = s.time().toInstant().atZone(ZoneId.systemDefault()).format(TIME);
        List<String> paths = s.paths() == null ? List.of() : s.paths();
        sb.append(String.format(Locale.ROOT, fmt, f.id().shortHex(), time, s.hostname(),
            String.join(",", s.tags()), paths.isEmpty() ? "" : paths.get(0)));
        for (int i = 1; i < paths.size(); i++) {
          sb.append(String.format(Locale.ROOT, fmt, "", "", "", "", paths.get(i)));
        }
      }
      sb.append("-".repeat(72)).append('\n');
      sb.append(list.size()).append(" snapshots");
      main.out().println(sb.toString());
    }
    return ExitCodes.OK;
  }
}
