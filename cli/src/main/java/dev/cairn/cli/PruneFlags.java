package dev.cairn.cli;

import dev.cairn.core.ByteSize;
import dev.cairn.core.CairnException;
import dev.cairn.operation.PruneRequest;
import dev.cairn.prune.PruneOptions;
import dev.cairn.prune.UnusedLimit;
import picocli.CommandLine.Option;

/** The flags that steer prune, shared by {@code prune} and {@code forget --prune}. */
final class PruneFlags {
  @Option(names = "--max-unused", paramLabel = "limit", description = "tolerate this much unused"
      + " data: a size (k/K, m/M, g/G, t/T), a percentage or 'unlimited' (default: 5%)")
  String maxUnused = "5%";

  @Option(names = "--max-repack-size", paramLabel = "size",
      description = "repack at most this much data (k/K, m/M, g/G, t/T)")
  String maxRepackSize;

  @Option(names = "--repack-cacheable-only", description = "only repack packs which are cacheable")
  boolean repackCacheableOnly;

  @Option(names = "--repack-small", description = "repack pack files below 80% of target pack size")
  boolean repackSmall;

  @Option(names = "--repack-uncompressed", description = "repack all uncompressed data")
  boolean repackUncompressed;

  /**
   * The options as the engine takes them.
   *
   * @throws CairnException naming the flag when a value is invalid
   */
  PruneOptions options() {
    long maxRepack = Long.MAX_VALUE;
    if (maxRepackSize != null && !maxRepackSize.isEmpty()) {
      try {
        maxRepack = ByteSize.parse(maxRepackSize);
      } catch (IllegalArgumentException e) {
        throw new CairnException("invalid --max-repack-size: " + e.getMessage());
      }
      if (maxRepack < 0) {
        throw new CairnException("--max-repack-size must not be negative");
      }
    }
    return new PruneOptions(UnusedLimit.parse(maxUnused), maxRepack, repackCacheableOnly,
        repackSmall, repackUncompressed);
  }

  /** The prune these flags ask for, with the pack size and compression of the global options. */
  PruneRequest request(Main main, boolean dryRun) {
    return new PruneRequest(options(), dryRun, main.locator().packSize(),
        main.locator().compression());
  }
}
