package dev.cairn.prune;

import dev.cairn.backend.FileInfo;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.index.MasterIndex;
import dev.cairn.pack.PackHeader;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, from the index and the list of pack files alone, what prune deletes and what it
 * repacks (restic-format.md §10.2, restic 0.14's rules). Reads no pack.
 */
public final class PrunePlanner {
  /** Fewer small packs than this are left alone, so one small pack is not repacked forever. */
  private static final int MIN_SMALL_PACKS = 10;

  private final Repository repo;
  private final PruneOptions options;
  private final long targetPackSize;

  /**
   * @param packSize the repository's target pack size (restic's {@code --pack-size}); small
   *     packs are those below 1/25 of it, or below 80% with {@code --repack-small}
   */
  public PrunePlanner(Repository repo, PruneOptions options, long packSize) {
    this.repo = repo;
    this.options = options;
    this.targetPackSize = options.repackSmall() ? packSize / 5 * 4 : packSize / 25;
  }

  /**
   * Plans a prune. The index must be loaded and {@code used} must come from the snapshots.
   *
   * @throws CairnException when a used blob is not indexed, a needed pack is missing or a
   *     needed pack's size differs from what the index says; nothing is changed then
   */
  public PrunePlan plan(Set<BlobHandle> used) throws IOException {
    PruneStats stats = new PruneStats();
    MasterIndex index = repo.index();
    Set<BlobHandle> keep = new HashSet<>();
    Map<BlobHandle, Integer> duplicates = classifyBlobs(index, used, keep, stats);
    Map<Id, PackUsage> packs = usageByPack(index, keep, duplicates);

    Set<Id> unreferenced = new HashSet<>();
    Set<Id> remove = new HashSet<>();
    List<PackUsage> candidates = new ArrayList<>();
    List<PackUsage> small = new ArrayList<>();
    boolean v2 = repo.config().version() >= 2;
    for (FileInfo fi : listPacks()) {
      Id id = Id.parse(fi.name());
      PackUsage p = packs.remove(id);
      if (p == null) {
        unreferenced.add(id);
        stats.unreferencedBytes += fi.size();
        continue;
      }
      if (p.size() != fi.size() && p.usedBlobs != 0) {
        throw new CairnException("pack " + id.hex() + ": calculated size " + p.size()
            + " does not match real size " + fi.size() + "; the index is wrong, rebuild it"
            + " (restic rebuild-index) before pruning");
      }
      if (p.usedBlobs == 0) {
        stats.packsUnused++;
      } else if (p.unusedBlobs == 0) {
        stats.packsUsed++;
      } else {
        stats.packsPartlyUsed++;
      }
      p.mustCompress = v2 && p.uncompressed
          && (p.type == BlobType.TREE || options.repackUncompressed());
      if (p.usedBlobs == 0) {
        remove.add(id);
        stats.remove.add(p.unusedBlobs, p.unusedSize);
      } else if (options.repackCacheableOnly() && p.isData()) {
        stats.packsKeep++;
      } else if (p.unusedBlobs == 0 && !p.mixed() && !p.mustCompress) {
        if (fi.size() >= targetPackSize) {
          stats.packsKeep++;
        } else {
          small.add(p);
        }
      } else {
        candidates.add(p);
      }
    }

    Set<Id> missing = new HashSet<>();
    List<Id> needed = new ArrayList<>();
    for (PackUsage p : packs.values()) {
      if (p.usedBlobs == 0) {
        missing.add(p.pack);
        stats.remove.add(p.unusedBlobs, p.unusedSize);
      } else {
        needed.add(p.pack);
      }
    }
    if (!needed.isEmpty()) {
      StringBuilder sb = new StringBuilder("the index references " + needed.size()
          + " needed pack files which are missing from the repository:");
      needed.forEach(id -> sb.append("\n  ").append(id.hex()));
      throw new CairnException(sb.toString());
    }

    if (small.size() < MIN_SMALL_PACKS) {
      stats.packsKeep += small.size();
    } else {
      candidates.addAll(small);
    }
    Set<Id> repack = chooseRepacks(candidates, stats);
    stats.packsUnreferenced = unreferenced.size();
    stats.packsRepack = repack.size();
    stats.packsRemove = remove.size();

    if (repack.isEmpty()) {
      keep.clear();
    } else {
      // blobs that stay in a kept pack need no new copy
      index.forEach(b -> {
        if (!remove.contains(b.pack()) && !repack.contains(b.pack())) {
          keep.remove(b.handle());
        }
      });
    }
    return new PrunePlan(unreferenced, repack, keep, remove, missing, stats);
  }

  /**
   * Sorts the blobs into used (first copy of each into {@code keep}), duplicate and unused.
   * Returns, per duplicated blob, how many copies exist (saturating at 255, as restic).
   */
  private static Map<BlobHandle, Integer> classifyBlobs(
      MasterIndex index, Set<BlobHandle> used, Set<BlobHandle> keep, PruneStats stats) {
    Set<BlobHandle> notSeen = new HashSet<>(used);
    Map<BlobHandle, Integer> duplicates = new HashMap<>();
    index.forEach(b -> {
      BlobHandle h = b.handle();
      if (notSeen.remove(h)) {
        keep.add(h);
        stats.used.add(1, b.length());
      } else if (keep.contains(h)) {
        duplicates.merge(h, 2, (old, two) -> Math.min(old + 1, 255));
        stats.duplicate.add(1, b.length());
      } else {
        stats.unused.add(1, b.length());
      }
    });
    if (!notSeen.isEmpty()) {
      StringBuilder sb = new StringBuilder(notSeen.size() + " used blobs are not in the index:");
      notSeen.stream().limit(20).forEach(h -> sb.append("\n  ").append(h));
      sb.append("\nIntegrity check failed: data seems to be missing; prune will not start,"
          + " to prevent (additional) data loss");
      throw new CairnException(sb.toString());
    }
    return duplicates;
  }

  /** Per pack: header size, type, used and unused sizes; one copy of each duplicate is used. */
  private static Map<Id, PackUsage> usageByPack(
      MasterIndex index, Set<BlobHandle> keep, Map<BlobHandle, Integer> duplicates) {
    Map<Id, PackUsage> packs = new LinkedHashMap<>();
    index.forEach(b -> {
      PackUsage p = packs.computeIfAbsent(b.pack(), id -> new PackUsage(id, PackHeader.OVERHEAD));
      p.usedSize += b.headerEntrySize();
      p.addType(b.type());
      if (!b.compressed()) {
        p.uncompressed = true;
      }
      if (duplicates.containsKey(b.handle())) {
        return;
      }
      if (keep.contains(b.handle())) {
        p.used(b.length());
      } else {
        p.unused(b.length());
      }
    });
    if (!duplicates.isEmpty()) {
      index.forEach(b -> {
        Integer count = duplicates.get(b.handle());
        if (count == null) {
          return;
        }
        PackUsage p = packs.get(b.pack());
        if (count == 0) {
          p.unused(b.length());
        } else if (p.usedBlobs > 0 || count == 1) {
          p.used(b.length());
          duplicates.put(b.handle(), 0);
        } else {
          p.unused(b.length());
          duplicates.put(b.handle(), count - 1);
        }
      });
    }
    return packs;
  }

  /** Picks repack candidates greedily until the unused data left is within the limit. */
  private Set<Id> chooseRepacks(List<PackUsage> candidates, PruneStats stats) {
    candidates.sort(Comparator.comparing((PackUsage p) -> p.isData())
        .thenComparing(p -> p.size() >= targetPackSize)
        .thenComparing((a, b) -> Double.compare(
            (double) b.unusedSize * a.usedSize, (double) a.unusedSize * b.usedSize)));
    long maxUnusedAfter = options.maxUnused().allowed(stats.used.bytes());
    Set<Id> repack = new HashSet<>();
    for (PackUsage p : candidates) {
      boolean unusedReached = stats.unused.bytes() - stats.remove.bytes()
          - stats.repackRemove.bytes() < maxUnusedAfter;
      boolean repackLimitReached = stats.repack.bytes() + p.size() >= options.maxRepackBytes();
      boolean largeEnough = p.size() >= targetPackSize;
      if (repackLimitReached) {
        stats.packsKeep++;
      } else if (!p.isData() || p.mustCompress) {
        repack(p, repack, stats);
      } else if (unusedReached && largeEnough) {
        stats.packsKeep++;
      } else {
        repack(p, repack, stats);
      }
    }
    return repack;
  }

  private static void repack(PackUsage p, Set<Id> repack, PruneStats stats) {
    repack.add(p.pack);
    stats.repack.add(p.unusedBlobs + p.usedBlobs, p.size());
    stats.repackRemove.add(p.unusedBlobs, p.unusedSize);
  }

  private List<FileInfo> listPacks() throws IOException {
    List<FileInfo> out = new ArrayList<>();
    repo.backend().list(FileType.PACK, out::add);
    return out;
  }
}
