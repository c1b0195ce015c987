package dev.cairn.prune;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.Id;
import java.util.Set;

/**
 * What prune will do, decided from the index alone.
 *
 * @param unreferenced pack files no index names: deleted first
 * @param repack packs whose {@code keep} blobs are copied into new packs before they go
 * @param keep the blobs to copy out of the repacked packs (each once)
 * @param remove packs deleted whole once the new index is written
 * @param missing packs the index names that are gone but hold nothing needed: left out of the
 *     new index
 */
public record PrunePlan(
    Set<Id> unreferenced,
    Set<Id> repack,
    Set<BlobHandle> keep,
    Set<Id> remove,
    Set<Id> missing,
    PruneStats stats) {
  /** Whether the plan changes the repository at all. */
  public boolean isEmpty() {
    return unreferenced.isEmpty() && repack.isEmpty() && remove.isEmpty() && missing.isEmpty();
  }
}
