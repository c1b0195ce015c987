package dev.cairn.repository;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.core.HostIdentity;
import dev.cairn.core.IntegrityException;
import java.io.ByteArrayOutputStream;
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

  // jackson-core only: the databind ObjectMapper costs a third of a second at start-up.
  private static final JsonFactory JSON = new JsonFactory();

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
    return staleReason(this, now) != null;
  }

  /** restic's stale rule as a {@link StaleLockPolicy}: the reason, or null when not stale. */
  static String staleReason(LockFile lock, Instant now) {
    if (lock.time.plus(STALE_AFTER).isBefore(now)) {
      return "not refreshed for " + Duration.between(lock.time, now).toMinutes() + " minutes";
    }
    if (lock.hostname.equals(HostIdentity.current().hostname())
        && ProcessHandle.of(lock.pid).map(p -> !p.isAlive()).orElse(true)) {
      return "its process " + lock.pid + " on this host is gone";
    }
    return null;
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", OffsetDateTime.ofInstant(time, ZoneId.systemDefault())
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      g.writeBooleanField("exclusive", exclusive);
      g.writeStringField("hostname", hostname);
      g.writeStringField("username", username);
      g.writeNumberField("pid", pid);
      if (uid > 0) {
        g.writeNumberField("uid", uid);
      }
      if (gid > 0) {
        g.writeNumberField("gid", gid);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode lock", e);
    }
    return out.toByteArray();
  }

  /** Parses lock JSON written by restic or Cairn. */
  public static LockFile decode(byte[] json) {
    String time = "";
    boolean exclusive = false;
    String hostname = "";
    String username = "";
    long pid = 0;
    long uid = 0;
    long gid = 0;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IntegrityException("invalid lock: not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "time" -> time = p.getValueAsString("");
          case "exclusive" -> exclusive = p.getValueAsBoolean();
          case "hostname" -> hostname = p.getValueAsString("");
          case "username" -> username = p.getValueAsString("");
          case "pid" -> pid = p.getValueAsLong();
          case "uid" -> uid = p.getValueAsLong();
          case "gid" -> gid = p.getValueAsLong();
          default -> p.skipChildren();
        }
      }
      return new LockFile(OffsetDateTime.parse(time).toInstant(), exclusive, hostname, username,
          pid, uid, gid);
    } catch (IOException | RuntimeException e) {
      throw new IntegrityException("invalid lock: " + e.getMessage(), e);
    }
  }
}
