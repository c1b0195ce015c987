package dev.cairn.prune;

/**
 * What prune may do: the unused data it tolerates, the most it repacks in one run (bytes;
 * {@code Long.MAX_VALUE} for no limit), and which packs it also repacks.
 *
 * @param repackCacheableOnly keep every data pack (repack only tree packs, which caches hold)
 * @param repackSmall count packs below 80% of the target pack size as small, rather than below
 *     1/25 of it
 * @param repackUncompressed repack every pack that holds uncompressed blobs (format v2)
 */
public record PruneOptions(
    UnusedLimit maxUnused,
    long maxRepackBytes,
    boolean repackCacheableOnly,
    boolean repackSmall,
    boolean repackUncompressed) {
  public static final PruneOptions DEFAULT =
      new PruneOptions(UnusedLimit.DEFAULT, Long.MAX_VALUE, false, false, false);
}
