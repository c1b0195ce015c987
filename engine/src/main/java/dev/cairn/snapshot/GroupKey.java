package dev.cairn.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The key snapshots are grouped by for forget ({@code --group-by}): the hostname, the sorted paths
 * and the sorted tags, each null when not grouped by it (restic's JSON shows them as
 * {@code null}/"").
 */
public record GroupKey(String hostname, List<String> paths, List<String> tags)
    implements Comparable<GroupKey> {

  /** Which fields {@code --group-by} selects. */
  public record By(boolean host, boolean paths, boolean tags) {
    /** restic's default, {@code host,paths}. */
    public static final By DEFAULT = new By(true, true, false);

    /**
     * Parses {@code --group-by}: a comma list of {@code host}, {@code paths}, {@code tags} (also
     * singular/plural forms as restic); "" means one group for everything.
     */
    public static By parse(String s) {
      boolean h = false, p = false, t = false;
      for (String part : s.split(",", -1)) {
        switch (part.strip()) {
          case "host", "hosts" -> h = true;
          case "path", "paths" -> p = true;
          case "tag", "tags" -> t = true;
          case "" -> { }
          default -> throw new IllegalArgumentException("unknown grouping option: \"" + part
              + "\" (use host, paths, tags)");
        }
      }
      return new By(h, p, t);
    }
  }

  /** The key of {@code s} under {@code by}. */
  public static GroupKey of(Snapshot s, By by) {
    List<String> paths = null;
    if (by.paths()) {
      paths = new ArrayList<>(s.paths() == null ? List.of() : s.paths());
      Collections.sort(paths);
    }
    List<String> tags = null;
    if (by.tags()) {
      tags = new ArrayList<>(s.tags());
      Collections.sort(tags);
    }
    return new GroupKey(by.host() ? s.hostname() : "", paths, tags);
  }

  /** Groups snapshots by key, keys sorted, each group in input order. */
  public static List<SnapshotGroup> group(List<SnapshotRef> snapshots, By by) {
    java.util.TreeMap<GroupKey, List<SnapshotRef>> map = new java.util.TreeMap<>();
    for (SnapshotRef r : snapshots) {
      map.computeIfAbsent(of(r.snapshot(), by), k -> new ArrayList<>()).add(r);
    }
    List<SnapshotGroup> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(new SnapshotGroup(k, v)));
    return out;
  }

  @Override
  public int compareTo(GroupKey o) {
    return toString().compareTo(o.toString());
  }

  /** e.g. {@code host [h], paths [/a, /b], tags [x]}, only the grouped fields. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (!hostname.isEmpty()) {
      parts.add("host [" + hostname + "]");
    }
    if (paths != null) {
      parts.add("paths [" + String.join(", ", paths) + "]");
    }
    if (tags != null) {
      parts.add("tags [" + String.join(", ", tags) + "]");
    }
    return String.join(", ", parts);
  }
}
