package dev.cairn.operation;

import dev.cairn.snapshot.SnapshotFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A restore to make.
 *
 * @param snapshot {@code latest} or a snapshot id (prefix)
 * @param filter which snapshots {@code latest} chooses from
 * @param subpath the directory of the snapshot to restore ("" for all of it)
 * @param target the directory to restore into (created when missing)
 * @param includes restore only paths matching these patterns (all when empty)
 * @param excludes leave out paths matching these patterns
 * @param delete remove what the target has and the snapshot has not
 * @param verify read the restored files back and check their content
 * @param sparse leave holes for all-zero regions
 */
public record RestoreRequest(
    String snapshot,
    SnapshotFilter filter,
    String subpath,
    Path target,
    List<String> includes,
    List<String> excludes,
    boolean delete,
    boolean verify,
    boolean sparse) {
  public RestoreRequest {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(target, "target");
    subpath = Objects.requireNonNullElse(subpath, "");
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /** All of {@code snapshot} into {@code target}, sparse, nothing deleted or verified. */
  public static RestoreRequest of(String snapshot, Path target) {
    return new RestoreRequest(snapshot, SnapshotFilter.ALL, "", target, List.of(), List.of(),
        false, false, true);
  }

  /** The same with {@code --delete} set or not. */
  public RestoreRequest withDelete(boolean d) {
    return new RestoreRequest(snapshot, filter, subpath, target, includes, excludes, d, verify,
        sparse);
  }
}
