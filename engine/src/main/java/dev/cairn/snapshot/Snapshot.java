package dev.cairn.snapshot;

import dev.cairn.core.Id;
import dev.cairn.tree.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot: the root tree of one backup plus where, when and by whom it was made, with the
 * fields of restic's Go {@code Snapshot} struct in JSON order (restic-format.md §7.1). Stored as
 * compact JSON without a trailing newline; its id is the storage id of the encrypted file and is
 * not part of this value.
 *
 * <p>Absent optional values are null ids, "" strings, 0 ids and empty lists, which restic omits.
 * {@code paths} is never omitted; a null list encodes as JSON {@code null}, as Go does.
 *
 * @param time backup start (or {@code --time}), in the host's zone
 * @param parent the snapshot used for change detection, or null
 * @param tree the root tree; required
 * @param paths the absolute backup targets
 * @param hostname the host name, or ""
 * @param username the user name, or ""
 * @param uid unsigned 32-bit uid of the user, 0 when unknown
 * @param gid unsigned 32-bit gid, 0 when unknown
 * @param excludes the exclude patterns
 * @param tags the tags
 * @param original the id of the first version of a rewritten snapshot, or null
 * @param programVersion e.g. "restic 0.17.0", or ""
 * @param summary backup statistics (restic 0.17+), or null
 */
public record Snapshot(
    Timestamp time,
    Id parent,
    Id tree,
    List<String> paths,
    String hostname,
    String username,
    long uid,
    long gid,
    List<String> excludes,
    List<String> tags,
    Id original,
    String programVersion,
    SnapshotSummary summary) {

  /** Requires time and tree; copies lists; turns null strings into "" and null lists into empty. */
  public Snapshot {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(tree, "tree");
    paths = paths == null ? null : List.copyOf(paths);
    hostname = Objects.requireNonNullElse(hostname, "");
    username = Objects.requireNonNullElse(username, "");
    uid &= 0xffffffffL;
    gid &= 0xffffffffL;
    excludes = excludes == null ? List.of() : List.copyOf(excludes);
    tags = tags == null ? List.of() : List.copyOf(tags);
    programVersion = Objects.requireNonNullElse(programVersion, "");
  }

  /** A snapshot with just the required fields and the paths; add the rest with the withers. */
  public static Snapshot of(Timestamp time, Id tree, List<String> paths) {
    return new Snapshot(time, null, tree, paths, "", "", 0, 0, null, null, null, "", null);
  }

  /** This snapshot with other tags, e.g. after {@code restic tag}. */
  public Snapshot withTags(List<String> newTags) {
    return new Snapshot(time, parent, tree, paths, hostname, username, uid, gid, excludes,
        newTags, original, programVersion, summary);
  }

  /** This snapshot with {@code original} set, as written when a snapshot is rewritten. */
  public Snapshot withOriginal(Id originalId) {
    return new Snapshot(time, parent, tree, paths, hostname, username, uid, gid, excludes, tags,
        originalId, programVersion, summary);
  }

  /** The JSON bytes restic writes: compact, Go string rules, no trailing newline. */
  public byte[] encode() {
    return SnapshotJson.encode(this);
  }

  /**
   * Reads snapshot JSON, skipping unknown fields.
   *
   * @throws dev.cairn.core.IntegrityException when malformed or without a tree
   */
  public static Snapshot decode(byte[] json) {
    return SnapshotJson.decode(json);
  }

  /** True when this snapshot has the tag {@code tag}. */
  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }

  /**
   * restic's {@code HasTags}: true when the snapshot has every tag of {@code required}; an empty
   * tag in {@code required} matches a snapshot without tags.
   */
  public boolean hasTags(List<String> required) {
    for (String tag : required) {
      if (tag.isEmpty() && tags.isEmpty()) {
        return true;
      }
      if (!hasTag(tag)) {
        return false;
      }
    }
    return true;
  }

  /** restic's {@code HasTagList}: true when {@code sets} is empty or any set matches. */
  public boolean hasTagList(List<List<String>> sets) {
    if (sets.isEmpty()) {
      return true;
    }
    for (List<String> set : sets) {
      if (hasTags(set)) {
        return true;
      }
    }
    return false;
  }

  /** restic's {@code HasPaths}: true when every path in {@code required} is one of the paths. */
  public boolean hasPaths(List<String> required) {
    Set<String> own = paths == null ? Set.of() : new HashSet<>(paths);
    return own.containsAll(required);
  }

  /** restic's {@code HasHostname}: true when {@code hosts} is empty or contains the hostname. */
  public boolean hasHostname(List<String> hosts) {
    return hosts.isEmpty() || hosts.contains(hostname);
  }
}
