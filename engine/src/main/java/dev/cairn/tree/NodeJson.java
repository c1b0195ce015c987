package dev.cairn.tree;

import dev.cairn.core.Id;
import java.util.ArrayList;
import java.util.List;

/**
 * Node JSON in restic 0.14's exact bytes: Go struct order, {@code omitempty} as tagged, names
 * through strconv.Quote (restic-format.md §7.3). Reading also accepts the fields of newer restic
 * ({@code linktarget_raw}, which wins over {@code linktarget}; {@code generic_attributes}, which
 * is ignored) and skips unknown keys.
 */
final class NodeJson {
  private NodeJson() {}

  static void write(Node n, JsonSink out) {
    out.write('{');
    out.key("name", true).quotedName(n.rawName());
    out.key("type", false).raw("\"").raw(n.type().json()).raw("\"");
    if (n.mode() != 0) {
      out.key("mode", false).unsigned(n.mode());
    }
    out.key("mtime", false).time(n.mtime());
    out.key("atime", false).time(n.atime());
    out.key("ctime", false).time(n.ctime());
    out.key("uid", false).unsigned(n.uid());
    out.key("gid", false).unsigned(n.gid());
    if (!n.user().isEmpty()) {
      out.key("user", false).string(n.user());
    }
    if (!n.group().isEmpty()) {
      out.key("group", false).string(n.group());
    }
    unsignedUnlessZero(out, "inode", n.inode());
    unsignedUnlessZero(out, "device_id", n.deviceId());
    unsignedUnlessZero(out, "size", n.size());
    unsignedUnlessZero(out, "links", n.links());
    if (n.rawLinkTarget().length != 0) {
      out.key("linktarget", false).string(n.rawLinkTarget());
    }
    if (!n.extendedAttributes().isEmpty()) {
      out.key("extended_attributes", false).write('[');
      boolean first = true;
      for (ExtendedAttribute a : n.extendedAttributes()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        a.writeTo(out);
      }
      out.write(']');
    }
    unsignedUnlessZero(out, "device", n.device());
    out.key("content", false);
    if (n.content() == null) {
      out.raw("null");
    } else {
      out.write('[');
      for (int i = 0; i < n.content().size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.id(n.content().get(i));
      }
      out.write(']');
    }
    if (n.subtree() != null) {
      out.key("subtree", false).id(n.subtree());
    }
    if (!n.error().isEmpty()) {
      out.key("error", false).string(n.error());
    }
    out.write('}');
  }

  private static void unsignedUnlessZero(JsonSink out, String key, long v) {
    if (v != 0) {
      out.key(key, false).unsigned(v);
    }
  }

  /** Reads one node object; the parser stands on its START_OBJECT. */
  static Node read(JsonSource in) {
    in.requireObject();
    NodeBuilder b = new NodeBuilder(null, null);
    byte[] linkTargetRaw = null;
    for (String key = in.nextField(); key != null; key = in.nextField()) {
      switch (key) {
        case "name" -> b.name = unquote(in);
        case "type" -> b.type = type(in);
        case "mode" -> b.mode = in.unsigned(32);
        case "mtime" -> b.mtime = in.time();
        case "atime" -> b.atime = in.time();
        case "ctime" -> b.ctime = in.time();
        case "uid" -> b.uid = in.unsigned(32);
        case "gid" -> b.gid = in.unsigned(32);
        case "user" -> b.user = in.string().intern(); // a few names for many nodes
        case "group" -> b.group = in.string().intern();
        case "inode" -> b.inode = in.unsigned(64);
        case "device_id" -> b.deviceId = in.unsigned(64);
        case "size" -> b.size = in.unsigned(64);
        case "links" -> b.links = in.unsigned(64);
        case "linktarget" -> b.linkTarget = in.stringBytes();
        case "linktarget_raw" -> linkTargetRaw = in.isNull() ? null : in.base64();
        case "extended_attributes" -> b.extendedAttributes = attributes(in);
        case "device" -> b.device = in.unsigned(64);
        case "content" -> b.content = ids(in);
        case "subtree" -> b.subtree = in.id();
        case "error" -> b.error = in.string();
        default -> in.skip(); // generic_attributes and anything newer
      }
    }
    if (linkTargetRaw != null) {
      b.linkTarget = linkTargetRaw;
    }
    if (b.name == null || b.name.length == 0) {
      throw in.fail("node without a name");
    }
    if (b.type == null) {
      throw in.fail("node " + GoStrings.quoteName(b.name) + " without a type");
    }
    return b.build();
  }

  private static byte[] unquote(JsonSource in) {
    try {
      return GoStrings.unquoteName(in.string());
    } catch (IllegalArgumentException e) {
      throw in.fail(e.getMessage());
    }
  }

  private static NodeType type(JsonSource in) {
    try {
      return NodeType.parse(in.string());
    } catch (IllegalArgumentException e) {
      throw in.fail(e.getMessage());
    }
  }

  private static List<ExtendedAttribute> attributes(JsonSource in) {
    List<ExtendedAttribute> out = new ArrayList<>();
    if (!in.beginArray()) {
      return out;
    }
    while (in.nextElement()) {
      String name = "";
      byte[] value = new byte[0];
      in.requireObject();
      for (String key = in.nextField(); key != null; key = in.nextField()) {
        switch (key) {
          case "name" -> name = in.string();
          case "value" -> value = in.base64();
          default -> in.skip();
        }
      }
      out.add(new ExtendedAttribute(name, value));
    }
    return out;
  }

  private static List<Id> ids(JsonSource in) {
    if (!in.beginArray()) {
      return null;
    }
    List<Id> out = new ArrayList<>();
    while (in.nextElement()) {
      Id id = in.id();
      if (id == null) {
        throw in.fail("null in content");
      }
      out.add(id);
    }
    return out;
  }
}
