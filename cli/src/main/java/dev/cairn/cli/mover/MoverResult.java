package dev.cairn.cli.mover;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cairn.backend.RequestStats;
import dev.cairn.cli.report.Output;
import dev.cairn.operation.BackupOutcome;
import dev.cairn.operation.ForgetOutcome;
import dev.cairn.operation.PruneOutcome;
import dev.cairn.operation.RestoreOutcome;
import dev.cairn.snapshot.SnapshotSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one mover run: one JSON document (schema: {@code docs/mover-result.schema.json},
 * described in {@code docs/mover-result.md}) that fits a Kubernetes termination message (4096
 * bytes): the list of unreadable paths is shortened first, then the message.
 */
public final class MoverResult {
  /** The Kubernetes termination message limit. */
  public static final int MAX_BYTES = 4096;
  /** Version of the document's layout. */
  public static final int VERSION = 1;

  private final List<String> requested;
  private final List<String> done = new ArrayList<>();
  private final Instant started;
  private Outcome outcome = Outcome.OK;
  private String message = "";
  private int exitCode;
  private boolean initialized;
  private final Map<String, Object> sections = new LinkedHashMap<>();
  private List<String> failedPaths = List.of();
  private RequestStats requests = RequestStats.NONE;

  public MoverResult(List<String> requested, Instant started) {
    this.requested = List.copyOf(requested);
    this.started = started;
  }

  /** {@code action} finished. */
  public void done(MoverAction action) {
    done.add(action.id());
  }

  /** The run ends with {@code o} (and its exit code) and {@code why}. */
  public void end(Outcome o, int exit, String why) {
    outcome = o;
    exitCode = exit;
    message = Classifier.oneLine(why);
  }

  public Outcome outcome() {
    return outcome;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The repository did not exist and was created by this run. */
  public void initialized() {
    initialized = true;
  }

  public void unlocked(int removed) {
    sections.put("unlock", Map.of("removed", removed));
  }

  /** The backup was skipped: the volume holds nothing but {@code lost+found}. */
  public void backupSkipped() {
    sections.put("backup", Map.of("skipped", true));
  }

  public void backup(BackupOutcome b) {
    SnapshotSummary s = b.summary();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("skipped", false);
    m.put("snapshot_id", b.snapshotId() == null ? null : b.snapshotId().hex());
    m.put("parent_id", b.parent() == null ? null : b.parent().id().hex());
    m.put("files_new", s.filesNew());
    m.put("files_changed", s.filesChanged());
    m.put("files_unmodified", s.filesUnmodified());
    m.put("dirs_new", s.dirsNew());
    m.put("dirs_changed", s.dirsChanged());
    m.put("dirs_unmodified", s.dirsUnmodified());
    m.put("bytes_processed", s.totalBytesProcessed());
    m.put("bytes_added", s.dataAdded());
    m.put("bytes_stored", s.dataAddedPacked());
    m.put("files_unreadable", b.unreadablePaths().size());
    m.put("duration_seconds", seconds(b.duration()));
    failedPaths = b.unreadablePaths();
    sections.put("backup", m);
  }

  public void forget(ForgetOutcome f) {
    sections.put("forget", Map.of("kept", f.kept(), "removed", f.removed().size()));
  }

  /** Prune did not run: there is no repository to prune. */
  public void pruneSkipped() {
    sections.put("prune", Map.of("ran", false));
  }

  public void prune(PruneOutcome p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ran", p.executed());
    m.put("freed_bytes", p.freedBytes());
    m.put("packs_deleted", p.executed() ? p.plan().stats().packsRemove()
        + p.plan().stats().packsRepack() + p.plan().stats().packsUnreferenced() : 0);
    m.put("duration_seconds", seconds(p.duration()));
    sections.put("prune", m);
  }

  /** Nothing was restored: the repository has no snapshot (a new volume's first start). */
  public void restoreSkipped() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("snapshot_id", null);
    sections.put("restore", m);
  }

  public void restore(RestoreOutcome r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("snapshot_id", r.snapshot().id().hex());
    m.put("snapshot_time", r.snapshot().snapshot().time().toInstant().toString());
    m.put("files", r.result().files());
    m.put("dirs", r.result().dirs());
    m.put("bytes", r.result().bytes());
    m.put("deleted", r.result().deleted());
    m.put("errors", r.result().errors().size());
    m.put("duration_seconds", seconds(r.duration()));
    sections.put("restore", m);
  }

  /** Whether the backup left out unreadable files. */
  public boolean partialBackup() {
    return !failedPaths.isEmpty();
  }

  public void requests(RequestStats stats) {
    requests = stats;
  }

  private static double seconds(Duration d) {
    return Math.round(d.toMillis() / 10.0) / 100.0;
  }

  /** The document as one line of JSON, at most {@link #MAX_BYTES} bytes of UTF-8. */
  public String toJson(Instant now) {
    List<String> paths = new ArrayList<>(failedPaths);
    String msg = message;
    while (true) {
      String json = render(now, paths, msg);
      if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
        return json;
      }
      if (!paths.isEmpty()) {
        paths.remove(paths.size() - 1);
      } else if (msg.length() > 40) {
        msg = msg.substring(0, msg.length() / 2) + "…";
      } else {
        throw new IllegalStateException("mover result does not fit " + MAX_BYTES + " bytes");
      }
    }
  }

  private String render(Instant now, List<String> paths, String msg) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("actions", requested);
    m.put("done", done);
    m.put("outcome", outcome.id());
    m.put("exit_code", exitCode);
    m.put("message", msg);
    m.put("started", started.toString());
    m.put("duration_seconds", seconds(Duration.between(started, now)));
    m.put("repository_initialized", initialized);
    for (Map.Entry<String, Object> e : sections.entrySet()) {
      Object v = e.getValue();
      if (e.getKey().equals("backup") && v instanceof Map<?, ?> b && b.containsKey("snapshot_id")) {
        Map<String, Object> withPaths = new LinkedHashMap<>();
        b.forEach((k, val) -> withPaths.put((String) k, val));
        withPaths.put("unreadable_paths", paths);
        v = withPaths;
      }
      m.put(e.getKey(), v);
    }
    m.put("requests", requests.toMap());
    try {
      return Output.json().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the mover result", e);
    }
  }
}
