package dev.cairn.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.operator.api.v1alpha1.SyncResult;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code cairn standalone sync} through the running service: leaves a request and reads the
 * state file until the resource's run ended (a result that was not there before, and no run in
 * progress).
 */
public final class SyncWait {
  private final StandaloneOptions options;

  public SyncWait(StandaloneOptions options) {
    this.options = options;
  }

  /** The run's result; an {@link IllegalStateException} when it did not end in time. */
  public SyncResult askAndWait(ResourceKey key, Duration timeout) throws InterruptedException {
    StateFile file = new StateFile(options.stateFile());
    JsonNode before = result(file, key);
    new SyncRequests(options.requests()).ask(key);
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(300);
      StateFile.Entry e = file.read().get(key.id());
      JsonNode now = result(file, key);
      if (now != null && !Objects.equals(now, before) && e.status().path("lastSyncStartTime")
          .isMissingNode()) {
        return StateFile.JSON.convertValue(now, SyncResult.class);
      }
      String error = taken(key) && e != null && e.status() != null ? error(e.status()) : null;
      if (error != null) {
        throw new IllegalStateException(key + " did not start: " + error);
      }
    }
    throw new IllegalStateException(key + " did not finish within " + timeout.toSeconds()
        + "s (the service took the request: see its log)");
  }

  /** Whether the service took the request (its file is gone). */
  private boolean taken(ResourceKey key) {
    return !java.nio.file.Files.exists(options.requests().resolve(key.id().replace('/', '~')));
  }

  /** The Synchronizing condition's message when its reason is Error, else null. */
  private static String error(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if ("Synchronizing".equals(c.path("type").asText())
          && "Error".equals(c.path("reason").asText())) {
        return c.path("message").asText();
      }
    }
    return null;
  }

  private static JsonNode result(StateFile file, ResourceKey key) {
    StateFile.Entry e = file.read().get(key.id());
    return e == null || e.status() == null || !e.status().has("lastResult") ? null
        : e.status().get("lastResult");
  }
}
