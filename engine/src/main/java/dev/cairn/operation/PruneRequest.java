package dev.cairn.operation;

import dev.cairn.pack.Compression;
import dev.cairn.prune.PruneOptions;
import java.util.Objects;

/**
 * A prune to make.
 *
 * @param options restic's prune flags (unused limit, repack limits and choices)
 * @param dryRun plan only
 * @param packSize target size of repacked packs, in bytes
 * @param compression the compression asked for (refused with {@code --repack-uncompressed} when
 *     off)
 */
public record PruneRequest(
    PruneOptions options, boolean dryRun, int packSize, Compression compression) {
  public PruneRequest {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(compression, "compression");
  }

  /** restic's {@code prune} with no flags. */
  public static PruneRequest defaults() {
    return new PruneRequest(PruneOptions.DEFAULT, false, BackupRequest.DEFAULT_PACK_SIZE,
        Compression.AUTO);
  }
}
