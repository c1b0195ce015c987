package dev.cairn.restore;

import java.util.List;

/**
 * What a restore did.
 *
 * @param files regular files restored with all their content
 * @param dirs directories restored
 * @param others symlinks, devices and FIFOs restored
 * @param bytes content bytes written (or left as holes)
 * @param deleted entries removed by {@code --delete}
 * @param verified files checked by {@code --verify}
 * @param errors problems, each naming the item; empty on full success
 */
public record RestoreResult(
    long files, long dirs, long others, long bytes, long deleted, long verified,
    List<String> errors) {}
