package dev.cairn.cli.report;

import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Snapshots as {@code restic snapshots} prints them: a table, or a JSON array. */
public final class SnapshotListing {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private SnapshotListing() {}

  /** One snapshot as restic's JSON object: its fields, then {@code id} and {@code short_id}. */
  public static Map<String, Object> json(SnapshotRef r) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m =
          Output.json().readValue(r.snapshot().encode(), LinkedHashMap.class);
      m.put("id", r.id().hex());
      m.put("short_id", r.id().shortHex());
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot convert snapshot " + r.id().shortHex(), e);
    }
  }

  /** Prints {@code list} as one JSON array. */
  public static void printJson(Output out, List<SnapshotRef> list) {
    List<Object> arr = new ArrayList<>();
    for (SnapshotRef f : list) {
      arr.add(json(f));
    }
    out.json(arr);
  }

  /** The time column: local time to the second. */
  static String time(Snapshot s) {
    return s.time().toInstant().atZone(ZoneId.systemDefault()).format(TIME);
  }

  /** Prints {@code list} as restic's table, one line per path. */
  public static void printTable(Output out, List<SnapshotRef> list) {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-8s  %-19s  %-10s  %-10s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "ID", "Time", "Host", "Tags", "Paths"));
    sb.append("-".repeat(72)).append('\n');
    for (SnapshotRef f : list) {
      Snapshot s = f.snapshot();
      List<String> paths = s.paths() == null ? List.of() : s.paths();
      sb.append(String.format(Locale.ROOT, fmt, f.id().shortHex(), time(s), s.hostname(),
          String.join(",", s.tags()), paths.isEmpty() ? "" : paths.get(0)));
      for (int i = 1; i < paths.size(); i++) {
        sb.append(String.format(Locale.ROOT, fmt, "", "", "", "", paths.get(i)));
      }
    }
    sb.append("-".repeat(72)).append('\n');
    sb.append(list.size()).append(" snapshots");
    out.println(sb.toString());
  }
}
