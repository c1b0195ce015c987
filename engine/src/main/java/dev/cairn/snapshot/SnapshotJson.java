package dev.cairn.snapshot;

import dev.cairn.core.Id;
import dev.cairn.tree.JsonSink;
import dev.cairn.tree.JsonSource;
import dev.cairn.tree.Timestamp;
import java.util.List;

/** Snapshot JSON exactly as restic's {@code json.Marshal} writes it (restic-format.md §7.1). */
final class SnapshotJson {
  private SnapshotJson() {}

  static byte[] encode(Snapshot s) {
    JsonSink out = new JsonSink();
    out.write('{');
    out.key("time", true).time(s.time());
    if (s.parent() != null) {
      out.key("parent", false).id(s.parent());
    }
    out.key("tree", false).id(s.tree());
    out.key("paths", false);
    writeList(out, s.paths());
    if (!s.hostname().isEmpty()) {
      out.key("hostname", false).string(s.hostname());
    }
    if (!s.username().isEmpty()) {
      out.key("username", false).string(s.username());
    }
    if (s.uid() != 0) {
      out.key("uid", false).unsigned(s.uid());
    }
    if (s.gid() != 0) {
      out.key("gid", false).unsigned(s.gid());
    }
    if (!s.excludes().isEmpty()) {
      writeList(out.key("excludes", false), s.excludes());
    }
    if (!s.tags().isEmpty()) {
      writeList(out.key("tags", false), s.tags());
    }
    if (s.original() != null) {
      out.key("original", false).id(s.original());
    }
    if (!s.programVersion().isEmpty()) {
      out.key("program_version", false).string(s.programVersion());
    }
    if (s.summary() != null) {
      out.key("summary", false);
      s.summary().writeTo(out);
    }
    out.write('}');
    return out.bytes();
  }

  private static void writeList(JsonSink out, List<String> list) {
    if (list == null) {
      out.raw("null");
      return;
    }
    out.write('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.string(list.get(i));
    }
    out.write(']');
  }

  static Snapshot decode(byte[] json) {
    Timestamp time = Timestamp.GO_ZERO;
    Id parent = null;
    Id tree = null;
    List<String> paths = null;
    String hostname = "";
    String username = "";
    long uid = 0;
    long gid = 0;
    List<String> excludes = null;
    List<String> tags = null;
    Id original = null;
    String programVersion = "";
    SnapshotSummary summary = null;
    try (JsonSource in = JsonSource.open(json, "snapshot")) {
      in.beginObject();
      for (String key = in.nextField(); key != null; key = in.nextField()) {
        switch (key) {
          case "time" -> time = in.time();
          case "parent" -> parent = in.id();
          case "tree" -> tree = in.id();
          case "paths" -> paths = in.stringList();
          case "hostname" -> hostname = in.string();
          case "username" -> username = in.string();
          case "uid" -> uid = in.unsigned(32);
          case "gid" -> gid = in.unsigned(32);
          case "excludes" -> excludes = in.stringList();
          case "tags" -> tags = in.stringList();
          case "original" -> original = in.id();
          case "program_version" -> programVersion = in.string();
          case "summary" -> summary = in.isNull() ? null : SnapshotSummary.read(in);
          default -> in.skip();
        }
      }
      in.end();
      if (tree == null) {
        throw in.fail("snapshot has no tree");
      }
    }
    return new Snapshot(time, parent, tree, paths, hostname, username, uid, gid, excludes, tags,
        original, programVersion, summary);
  }
}
