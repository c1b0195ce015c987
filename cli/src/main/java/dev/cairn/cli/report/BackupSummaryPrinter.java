package dev.cairn.cli.report;

import dev.cairn.backend.RequestStats;
import dev.cairn.core.Id;
import dev.cairn.snapshot.SnapshotSummary;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints the end of a backup: restic's text summary, or its JSON {@code summary} message. */
public final class BackupSummaryPrinter {
  private final Output out;
  private final boolean json;
  private final int verbosity;

  public BackupSummaryPrinter(Output out, boolean json, int verbosity) {
    this.out = out;
    this.json = json;
    this.verbosity = verbosity;
  }

  public void print(SnapshotSummary s, Id snapshot, boolean dryRun, long millis, RequestStats requests) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message_type", "summary");
      m.put("files_new", s.filesNew());
      m.put("files_changed", s.filesChanged());
      m.put("files_unmodified", s.filesUnmodified());
      m.put("dirs_new", s.dirsNew());
      m.put("dirs_changed", s.dirsChanged());
      m.put("dirs_unmodified", s.dirsUnmodified());
      m.put("data_blobs", s.dataBlobs());
      m.put("tree_blobs", s.treeBlobs());
      m.put("data_added", s.dataAdded());
      m.put("data_added_packed", s.dataAddedPacked());
      m.put("total_files_processed", s.totalFilesProcessed());
      m.put("total_bytes_processed", s.totalBytesProcessed());
      m.put("total_duration", millis / 1000.0);
      m.put("backup_start", s.backupStart().format());
      m.put("backup_end", s.backupEnd().format());
      if (snapshot != null) {
        m.put("snapshot_id", snapshot.hex());
      }
      m.put("dry_run", dryRun);
      m.put("backend_requests", requests.toMap());
      out.json(m);
      return;
    }
    if (verbosity < 0) {
      return;
    }
    out.println("");
    out.println(String.format(Locale.ROOT, "Files:       %5d new, %5d changed, %5d unmodified",
        s.filesNew(), s.filesChanged(), s.filesUnmodified()));
    out.println(String.format(Locale.ROOT, "Dirs:        %5d new, %5d changed, %5d unmodified",
        s.dirsNew(), s.dirsChanged(), s.dirsUnmodified()));
    out.println((dryRun ? "Would add to the repository: " : "Added to the repository: ")
        + Units.bytes(s.dataAdded()) + " (" + Units.bytes(s.dataAddedPacked()) + " stored)");
    out.println("");
    out.println("processed " + s.totalFilesProcessed() + " files, "
        + Units.bytes(s.totalBytesProcessed()) + " in " + Units.duration(millis / 1000));
    if (verbosity > 0) {
      out.println("backend requests: " + requests.toMap());
    }
    if (snapshot != null) {
      out.println("snapshot " + snapshot.shortHex() + " saved");
    }
  }
}
