package dev.cairn.snapshot;

import dev.cairn.tree.JsonSink;
import dev.cairn.tree.JsonSource;
import dev.cairn.tree.Timestamp;
import java.util.Objects;

/**
 * The backup statistics restic 0.17 and later store in a snapshot's {@code summary}. Every field is
 * always written (no {@code omitempty} inside the object). Counters are Go {@code uint}/{@code
 * uint64} held as unsigned bits, except {@code dataBlobs} and {@code treeBlobs}, which are signed.
 *
 * @param backupStart when the backup started
 * @param backupEnd when it ended
 * @param filesNew files not in the parent snapshot
 * @param filesChanged files that differ from the parent
 * @param filesUnmodified files taken unchanged from the parent
 * @param dirsNew directories not in the parent
 * @param dirsChanged directories that differ from the parent
 * @param dirsUnmodified directories unchanged from the parent
 * @param dataBlobs data blobs added
 * @param treeBlobs tree blobs added
 * @param dataAdded plaintext bytes added
 * @param dataAddedPacked stored (compressed, encrypted) bytes added
 * @param totalFilesProcessed files read or checked
 * @param totalBytesProcessed bytes of those files
 */
public record SnapshotSummary(
    Timestamp backupStart,
    Timestamp backupEnd,
    long filesNew,
    long filesChanged,
    long filesUnmodified,
    long dirsNew,
    long dirsChanged,
    long dirsUnmodified,
    long dataBlobs,
    long treeBlobs,
    long dataAdded,
    long dataAddedPacked,
    long totalFilesProcessed,
    long totalBytesProcessed) {

  /** Rejects null times. */
  public SnapshotSummary {
    Objects.requireNonNull(backupStart, "backupStart");
    Objects.requireNonNull(backupEnd, "backupEnd");
  }

  void writeTo(JsonSink out) {
    out.write('{');
    out.key("backup_start", true).time(backupStart);
    out.key("backup_end", false).time(backupEnd);
    out.key("files_new", false).unsigned(filesNew);
    out.key("files_changed", false).unsigned(filesChanged);
    out.key("files_unmodified", false).unsigned(filesUnmodified);
    out.key("dirs_new", false).unsigned(dirsNew);
    out.key("dirs_changed", false).unsigned(dirsChanged);
    out.key("dirs_unmodified", false).unsigned(dirsUnmodified);
    out.key("data_blobs", false).number(dataBlobs);
    out.key("tree_blobs", false).number(treeBlobs);
    out.key("data_added", false).unsigned(dataAdded);
    out.key("data_added_packed", false).unsigned(dataAddedPacked);
    out.key("total_files_processed", false).unsigned(totalFilesProcessed);
    out.key("total_bytes_processed", false).unsigned(totalBytesProcessed);
    out.write('}');
  }

  /** Reads the object the source stands on; unknown keys are skipped. */
  static SnapshotSummary read(JsonSource in) {
    in.requireObject();
    Timestamp start = Timestamp.GO_ZERO;
    Timestamp end = Timestamp.GO_ZERO;
    long[] v = new long[12];
    for (String key = in.nextField(); key != null; key = in.nextField()) {
      switch (key) {
        case "backup_start" -> start = in.time();
        case "backup_end" -> end = in.time();
        case "files_new" -> v[0] = in.unsigned(64);
        case "files_changed" -> v[1] = in.unsigned(64);
        case "files_unmodified" -> v[2] = in.unsigned(64);
        case "dirs_new" -> v[3] = in.unsigned(64);
        case "dirs_changed" -> v[4] = in.unsigned(64);
        case "dirs_unmodified" -> v[5] = in.unsigned(64);
        case "data_blobs" -> v[6] = in.signed();
        case "tree_blobs" -> v[7] = in.signed();
        case "data_added" -> v[8] = in.unsigned(64);
        case "data_added_packed" -> v[9] = in.unsigned(64);
        case "total_files_processed" -> v[10] = in.unsigned(64);
        case "total_bytes_processed" -> v[11] = in.unsigned(64);
        default -> in.skip();
      }
    }
    return new SnapshotSummary(
        start, end, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
  }
}
