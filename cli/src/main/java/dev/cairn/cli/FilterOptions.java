package dev.cairn.cli;

import dev.cairn.snapshot.SnapshotFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** restic's snapshot filter flags: {@code --host}, {@code --tag}, {@code --path}. */
final class FilterOptions {
  @Option(names = {"-H", "--host"}, description = "only consider snapshots of this host (repeatable)")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--tag", description = "only consider snapshots with these tags, a,b means both (repeatable)")
  List<String> tags = new ArrayList<>();

  @Option(names = "--path", description = "only consider snapshots with this path (repeatable)")
  List<String> paths = new ArrayList<>();

  SnapshotFilter filter() {
    return new SnapshotFilter(hosts, SnapshotFilter.parseTagSets(tags), paths);
  }
}
