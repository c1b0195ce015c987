package dev.cairn.tree;

import dev.cairn.core.Id;
import java.util.List;

/**
 * Collects the fields of a {@link Node}. Unset numbers are 0 and unset strings "", which restic
 * omits from the JSON where its field is {@code omitempty}; unset times are Go's zero time;
 * unset {@code content} is null (JSON {@code null}, right for everything but files). Not
 * thread-safe; {@link #build()} copies, so a builder may be reused.
 */
public final class NodeBuilder {
  byte[] name;
  NodeType type;
  long mode;
  Timestamp mtime = Timestamp.GO_ZERO;
  Timestamp atime = Timestamp.GO_ZERO;
  Timestamp ctime = Timestamp.GO_ZERO;
  long uid;
  long gid;
  String user = "";
  String group = "";
  long inode;
  long deviceId;
  long size;
  long links;
  byte[] linkTarget;
  List<ExtendedAttribute> extendedAttributes;
  long device;
  List<Id> content;
  Id subtree;
  String error = "";

  NodeBuilder(byte[] name, NodeType type) {
    this.name = name;
    this.type = type;
  }

  /** Go os.FileMode bits (see {@link Node#goMode}). */
  public NodeBuilder mode(long goMode) {
    this.mode = goMode;
    return this;
  }

  public NodeBuilder mtime(Timestamp t) {
    this.mtime = t;
    return this;
  }

  /** Restic sets atime to mtime unless {@code --with-atime}. */
  public NodeBuilder atime(Timestamp t) {
    this.atime = t;
    return this;
  }

  public NodeBuilder ctime(Timestamp t) {
    this.ctime = t;
    return this;
  }

  public NodeBuilder uid(long uid) {
    this.uid = uid;
    return this;
  }

  public NodeBuilder gid(long gid) {
    this.gid = gid;
    return this;
  }

  /** The user name; "" or null when the uid has no name. */
  public NodeBuilder user(String user) {
    this.user = user;
    return this;
  }

  /** The group name; "" or null when the gid has no name. */
  public NodeBuilder group(String group) {
    this.group = group;
    return this;
  }

  public NodeBuilder inode(long inode) {
    this.inode = inode;
    return this;
  }

  public NodeBuilder deviceId(long deviceId) {
    this.deviceId = deviceId;
    return this;
  }

  public NodeBuilder size(long size) {
    this.size = size;
    return this;
  }

  public NodeBuilder links(long links) {
    this.links = links;
    return this;
  }

  /** The raw symlink target bytes (not copied until {@link #build()}). */
  public NodeBuilder linkTarget(byte[] target) {
    this.linkTarget = target;
    return this;
  }

  public NodeBuilder extendedAttributes(List<ExtendedAttribute> attributes) {
    this.extendedAttributes = attributes;
    return this;
  }

  public NodeBuilder device(long device) {
    this.device = device;
    return this;
  }

  /** Data blob ids of a file; an empty list for an empty file, null for non-files. */
  public NodeBuilder content(List<Id> content) {
    this.content = content;
    return this;
  }

  public NodeBuilder subtree(Id subtree) {
    this.subtree = subtree;
    return this;
  }

  public NodeBuilder error(String error) {
    this.error = error;
    return this;
  }

  /**
   * The node.
   *
   * @throws IllegalArgumentException when the name is empty
   * @throws NullPointerException when the type or a time is null
   */
  public Node build() {
    return Node.build(this);
  }
}
