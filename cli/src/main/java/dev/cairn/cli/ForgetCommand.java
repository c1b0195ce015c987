package dev.cairn.cli;

import dev.cairn.cli.report.ForgetReport;
import dev.cairn.core.CairnException;
import dev.cairn.operation.ForgetRequest;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.GroupKey;
import dev.cairn.snapshot.KeepDuration;
import dev.cairn.snapshot.KeepPolicy;
import dev.cairn.snapshot.SnapshotFilter;
import java.util.ArrayList;
import java.util.List;
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
    ForgetRequest request = new ForgetRequest(ids, policy, by, filter, dryRun,
        unsafeAllowRemoveAll, null, prune ? pruneFlags.request(main, dryRun) : null);
    try (Repository repo = main.locator().open()) {
      main.operations(repo).forget(request, new ForgetReport(main.out(), main.global().json,
          main.global().verbosity(), dryRun, ids.isEmpty() ? policy : null, prune));
    }
    return ExitCodes.OK;
  }
}
