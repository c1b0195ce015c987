package dev.cairn.operation;

import dev.cairn.snapshot.GroupKey;
import dev.cairn.snapshot.KeepPolicy;
import dev.cairn.snapshot.SnapshotFilter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Snapshots to forget: by id, or by a keep policy applied per group.
 *
 * @param ids snapshots to remove by id (prefix); when given, the policy is not applied
 * @param policy what to keep in each group
 * @param groupBy how snapshots are grouped (restic's {@code --group-by})
 * @param filter which snapshots are considered at all
 * @param dryRun decide and report, remove nothing
 * @param unsafeAllowRemoveAll allow removing every snapshot of a group
 * @param now the time the policy's {@code within} durations count back from, or null for now
 * @param prune prune afterwards under the same lock (restic's {@code forget --prune}), or null
 */
public record ForgetRequest(
    List<String> ids,
    KeepPolicy policy,
    GroupKey.By groupBy,
    SnapshotFilter filter,
    boolean dryRun,
    boolean unsafeAllowRemoveAll,
    Instant now,
    PruneRequest prune) {
  public ForgetRequest {
    ids = List.copyOf(ids);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(filter, "filter");
  }

  /** {@code policy} over the snapshots passing {@code filter}, grouped by host and paths. */
  public static ForgetRequest of(KeepPolicy policy, SnapshotFilter filter) {
    return new ForgetRequest(List.of(), policy, GroupKey.By.DEFAULT, filter, false, false, null,
        null);
  }
}
