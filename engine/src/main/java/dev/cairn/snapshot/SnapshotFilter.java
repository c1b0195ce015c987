package dev.cairn.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Selects snapshots the way restic's {@code --host}, {@code --tag} and {@code --path} options do.
 * A snapshot matches when its hostname is one of {@code hosts} (or hosts is empty), when it has
 * every tag of at least one of the {@code tags} sets (or tags is empty; an empty tag matches an
 * untagged snapshot), and when its paths include every one of {@code paths}.
 *
 * @param hosts accepted hostnames; empty accepts all
 * @param tags tag sets, e.g. {@code --tag a,b --tag c} is {@code [[a, b], [c]]}
 * @param paths paths the snapshot must all contain
 */
public record SnapshotFilter(List<String> hosts, List<List<String>> tags, List<String> paths) {
  /** A filter that matches every snapshot. */
  public static final SnapshotFilter ALL = new SnapshotFilter(List.of(), List.of(), List.of());

  /** Copies the lists; null means empty. */
  public SnapshotFilter {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    List<List<String>> sets = new ArrayList<>();
    if (tags != null) {
      for (List<String> set : tags) {
        sets.add(List.copyOf(set));
      }
    }
    tags = List.copyOf(sets);
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  /**
   * Parses repeated {@code --tag} values: each value is one set of comma-separated tags, with
   * surrounding spaces removed, like restic's TagList; {@code --tag ''} gives the set
   * {@code [""]}.
   */
  public static List<List<String>> parseTagSets(List<String> values) {
    List<List<String>> sets = new ArrayList<>();
    for (String value : values) {
      List<String> set = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= value.length(); i++) {
        if (i == value.length() || value.charAt(i) == ',') {
          set.add(value.substring(start, i).strip()); // "" kept: it selects untagged snapshots
          start = i + 1;
        }
      }
      sets.add(set);
    }
    return sets;
  }

  /** True when {@code s} passes the host, tag and path conditions. */
  public boolean matches(Snapshot s) {
    return s.hasHostname(hosts) && s.hasTagList(tags) && s.hasPaths(paths);
  }
}
