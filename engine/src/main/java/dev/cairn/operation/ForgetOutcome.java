package dev.cairn.operation;

import dev.cairn.snapshot.GroupKey;
import dev.cairn.snapshot.KeepPolicy;
import dev.cairn.snapshot.SnapshotRef;
import java.util.List;

/**
 * What forget decided and did.
 *
 * @param groups per group, what the policy kept and removed and why (empty when removing by id)
 * @param removed the snapshots removed (or, in a dry run, to remove), in the order decided
 * @param dryRun nothing was removed
 * @param prune the prune that followed, or null
 */
public record ForgetOutcome(
    List<Group> groups, List<SnapshotRef> removed, boolean dryRun, PruneOutcome prune) {
  /** One group's decision. */
  public record Group(GroupKey key, KeepPolicy.Result result) {}

  public ForgetOutcome {
    groups = List.copyOf(groups);
    removed = List.copyOf(removed);
  }

  /** Snapshots kept, over all groups. */
  public int kept() {
    return groups.stream().mapToInt(g -> g.result().keep().size()).sum();
  }

  ForgetOutcome withPrune(PruneOutcome p) {
    return new ForgetOutcome(groups, removed, dryRun, p);
  }
}
