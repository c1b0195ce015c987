package dev.cairn.cli.mover;

import dev.cairn.snapshot.SnapshotRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which snapshot a restore takes, as Volsync's {@code select_restic_snapshot_to_restore} means
 * it to, from the snapshots' data rather than parsed text: among the snapshots of {@code /data}
 * (of any host), newest first, skip those taken after {@code RESTORE_AS_OF} (compared to the
 * second, as the script does), then skip {@code SELECT_PREVIOUS} more. Unlike the script, two
 * snapshots in the same second are both candidates (newer id order breaks the tie), and times
 * do not depend on the container's time zone.
 */
public final class SnapshotSelector {
  /** The path Volsync's snapshots record. */
  public static final String DATA_PATH = "/data";

  private SnapshotSelector() {}

  /** The snapshots of {@code /data}, newest first. */
  public static List<SnapshotRef> candidates(List<SnapshotRef> all) {
    List<SnapshotRef> out = new ArrayList<>();
    for (SnapshotRef s : all) {
      if (s.snapshot().paths() != null && s.snapshot().paths().contains(DATA_PATH)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing((SnapshotRef s) -> s.snapshot().time().toInstant())
        .thenComparing(SnapshotRef::id).reversed());
    return out;
  }

  /**
   * The snapshot to restore, or empty when none qualifies.
   *
   * @param asOf newest time allowed, or null for no bound
   * @param previous how many more to skip back (0: the newest that qualifies)
   */
  public static Optional<SnapshotRef> select(List<SnapshotRef> all, Instant asOf, int previous) {
    List<SnapshotRef> c = candidates(all);
    int offset = 0;
    if (asOf != null) {
      Instant bound = asOf.truncatedTo(ChronoUnit.SECONDS);
      while (offset < c.size() && c.get(offset).snapshot().time().toInstant()
          .truncatedTo(ChronoUnit.SECONDS).isAfter(bound)) {
        offset++;
      }
    }
    offset += previous;
    return offset < c.size() ? Optional.of(c.get(offset)) : Optional.empty();
  }
}
