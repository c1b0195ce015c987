package dev.cairn.standalone;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ReplicationSourceStatus;
import dev.cairn.operator.reconcile.SyncStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The standalone's memory between runs, {@code DIR/.cairn/state.json}: per resource its
 * creation time and uid (a cluster's metadata: the first-sync baseline and the jitter seed), its
 * status (the same fields as on Kubernetes), and the mover a run in progress started. Written
 * whole to a temporary file, flushed, and renamed over the old one, so that a crash leaves
 * either the old state or the new.
 */
public final class StateFile {
  /** One resource's state. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String created, String uid, JsonNode status, Long moverPid,
      String moverResult) {
    Entry withStatus(JsonNode s) {
      return new Entry(created, uid, s, moverPid, moverResult);
    }

    Entry withMover(Long pid, String result) {
      return new Entry(created, uid, status, pid, result);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public StateFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The entries by {@link ResourceKey#id()}; empty when there is no file yet. */
  public Map<String, Entry> read() {
    Map<String, Entry> out = new TreeMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      root.path("resources").fields().forEachRemaining(f -> out.put(f.getKey(),
          JSON.convertValue(f.getValue(), Entry.class)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("state file " + file + " cannot be read (remove it to"
          + " start afresh: the repositories keep every snapshot)", e);
    }
  }

  /** Replaces the file with {@code entries}, atomically. */
  public void write(Map<String, Entry> entries) {
    ObjectNode root = JSON.createObjectNode();
    root.put("about", "cairn standalone state: the status of each resource; written by cairn");
    root.set("resources", JSON.valueToTree(new TreeMap<>(entries)));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, JSON.writeValueAsBytes(root));
      try (var ch = java.nio.channels.FileChannel.open(tmp,
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("state file " + file + " cannot be written", e);
    }
  }

  /** The status of a source entry, as the operator keeps it. */
  static SyncStatus status(Entry e, boolean source) {
    if (e == null || e.status() == null) {
      return new SyncStatus();
    }
    return source ? SyncStatus.of(JSON.convertValue(e.status(), ReplicationSourceStatus.class))
        : SyncStatus.of(JSON.convertValue(e.status(), ReplicationDestinationStatus.class));
  }

  static JsonNode tree(SyncStatus st, boolean source) {
    return JSON.valueToTree(source ? st.toSource() : st.toDestination());
  }
}
