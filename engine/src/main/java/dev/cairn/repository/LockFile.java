package dev.cairn.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.HostIdentity;
import dev.cairn.core.IntegrityException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The content of a lock file (restic-format.md section 9):
 * {@code {"time","exclusive","hostname","username","pid","uid","gid"}}, uid and gid omitted when 0.
 */
public record LockFile(
    Instant time, boolean exclusive, String hostname, String username, long pid, long uid, long gid) {
  /** A lock older than this is stale (restic: 30 minutes). */
  public static final Duration STALE_AFTER = Duration.ofMinutes(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A lock for this process, created now. */
  public static LockFile forThisProcess(boolean exclusive) {
    HostIdentity me = HostIdentity.current();
    return new LockFile(
        Instant.now(), exclusive, me.hostname(), me.username(), me.pid(), me.uid(), me.gid());
  }

  /** The same lock with a new time (a refresh). */
  public LockFile refreshed() {
    return new LockFile(Instant.now(), exclusive, hostname, username, pid, uid, gid);
  }

  /**
   * True when the lock is older than {@link #STALE_AFTER}, or was made on this host by a process
   * that no longer runs.
   */
  public boolean isStale(Instant now) {
    if (time.plus(STALE_AFTER).isBefore(now)) {
      return true;
    }
    if (hostname.equals(HostIdentity.current().hostname())) {
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
    return false;
  }

  public byte[] encode() {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", OffsetDateTime.ofInstant(time, ZoneId.systemDefault())
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    o.put("exclusive", exclusive);
    o.put("hostname", hostname);
    o.put("username", username);
    o.put("pid", pid);
    if (uid > 0) {
      o.put("uid", uid);
    }
    if (gid > 0) {
      o.put("gid", gid);
    }
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode lock", e);
    }
  }

  /** Parses lock JSON written by restic or Cairn. */
  public static LockFile decode(byte[] json) {
    try {
      JsonNode o = JSON.readTree(json);
      return new LockFile(
          OffsetDateTime.parse(o.path("time").asText()).toInstant(),
          o.path("exclusive").asBoolean(),
          o.path("hostname").asText(""),
          o.path("username").asText(""),
          o.path("pid").asLong(),
          o.path("uid").asLong(),
          o.path("gid").asLong());
    } catch (IOException | RuntimeException e) {
      throw new IntegrityException("invalid lock: " + e.getMessage(), e);
    }
  }
}
