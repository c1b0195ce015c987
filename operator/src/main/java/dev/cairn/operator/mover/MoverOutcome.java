package dev.cairn.operator.mover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a mover run did, read from its JSON result (the {@code cairn mover} result, {@code
 * docs/mover-result.md}) in the pod's termination message; never from log text. A pod that
 * ended without a result (killed, out of memory, deleted) is a {@code failed} run with a message
 * saying how it ended.
 *
 * @param outcome the mover's class: ok, partial, skipped-empty, no-snapshot, wrong-password,
 *     no-repository, locked, unreachable, failed
 * @param exitCode the mover's exit code
 * @param message one line saying what happened
 * @param done the actions that finished
 * @param json the whole result, or null when there was none
 */
public record MoverOutcome(String outcome, int exitCode, String message, List<String> done,
    JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SUCCESSES = Set.of("ok", "partial", "skipped-empty");

  /** Whether the run succeeded: the Job's work is done and counts as a completed sync. */
  public boolean success() {
    return SUCCESSES.contains(outcome);
  }

  /** Whether the action ran to its end. */
  public boolean did(String action) {
    return done.contains(action);
  }

  /** A number of the result, e.g. {@code ("backup", "bytes_added")}, or null. */
  public Long number(String section, String field) {
    JsonNode n = json == null ? null : json.path(section).path(field);
    return n == null || !n.isNumber() ? null : n.asLong();
  }

  /** A text of the result, or null. */
  public String text(String section, String field) {
    JsonNode n = json == null ? null : json.path(section).path(field);
    return n == null || !n.isTextual() ? null : n.asText();
  }

  /**
   * The result in a termination message: the message itself, or (when Kubernetes fell back to
   * the log because the file was empty) its last line that is a JSON object.
   */
  public static Optional<MoverOutcome> parse(String terminationMessage) {
    if (terminationMessage == null) {
      return Optional.empty();
    }
    String[] lines = terminationMessage.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(line);
        if (n.hasNonNull("outcome")) {
          List<String> done = new ArrayList<>();
          n.path("done").forEach(a -> done.add(a.asText()));
          return Optional.of(new MoverOutcome(n.path("outcome").asText(),
              n.path("exit_code").asInt(), n.path("message").asText(""), List.copyOf(done), n));
        }
      } catch (IOException e) {
        // not the result: keep looking
      }
    }
    return Optional.empty();
  }

  /**
   * The outcome of a finished mover pod: its result, else a failure saying how the container
   * ended; empty while the container has not ended.
   */
  public static Optional<MoverOutcome> of(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
      if (!MoverJob.CONTAINER.equals(cs.getName()) || cs.getState() == null
          || cs.getState().getTerminated() == null) {
        continue;
      }
      ContainerStateTerminated t = cs.getState().getTerminated();
      return Optional.of(parse(t.getMessage()).orElseGet(() -> failed("mover pod "
          + pod.getMetadata().getName() + " ended without a result: "
          + (t.getReason() == null ? "terminated" : t.getReason()) + ", exit code "
          + t.getExitCode())));
    }
    return Optional.empty();
  }

  /** The result as {@code status.lastResult}, finished at {@code finishedAt} (RFC 3339). */
  public dev.cairn.operator.api.v1alpha1.SyncResult toStatus(String finishedAt) {
    String snapshot = text("backup", "snapshot_id");
    if (snapshot == null) {
      snapshot = text("restore", "snapshot_id");
    }
    return new dev.cairn.operator.api.v1alpha1.SyncResult(outcome, message, finishedAt,
        snapshot, text("restore", "snapshot_time"), number("backup", "bytes_added"),
        number("backup", "files_new"), number("backup", "files_changed"),
        number("backup", "files_unreadable"), number("restore", "files"),
        number("restore", "bytes"), number("prune", "freed_bytes"));
  }

  /** A failure the controller observed itself (no result from the mover). */
  public static MoverOutcome failed(String message) {
    return new MoverOutcome("failed", 1, message, List.of(), null);
  }
}
