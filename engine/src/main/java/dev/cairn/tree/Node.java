package dev.cairn.tree;

import dev.cairn.core.Id;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a tree: the metadata of a file, directory, symlink or special file, with the
 * fields of restic's Go {@code Node} struct in their JSON order (restic-format.md §7.3).
 *
 * <p>Names and link targets are raw bytes, since Linux names need not be UTF-8. Unsigned Go
 * fields ({@code mode}, {@code uid}, {@code gid}: 32 bits; {@code inode}, {@code device_id},
 * {@code device}, {@code size}, {@code links}: 64 bits) are held in a {@code long} as unsigned
 * bits. {@code content} is null for non-files, which encodes as JSON {@code null}; an empty file
 * has an empty list. Optional strings are "" when absent, never null. Immutable; build with
 * {@link #builder(byte[], NodeType)}.
 */
public final class Node {
  /** The link target of every node that has none (never handed out: see linkTarget()). */
  private static final byte[] NO_TARGET = new byte[0];
  private final byte[] name;
  private final NodeType type;
  private final long mode;
  private final Timestamp mtime;
  private final Timestamp atime;
  private final Timestamp ctime;
  private final long uid;
  private final long gid;
  private final String user;
  private final String group;
  private final long inode;
  private final long deviceId;
  private final long size;
  private final long links;
  private final byte[] linkTarget;
  private final List<ExtendedAttribute> extendedAttributes;
  private final long device;
  private final List<Id> content;
  private final Id subtree;
  private final String error;

  private Node(NodeBuilder b) {
    if (b.name.length == 0) {
      throw new IllegalArgumentException("a node needs a name");
    }
    this.name = b.name.clone();
    this.type = Objects.requireNonNull(b.type, "type");
    this.mode = b.mode & 0xffffffffL;
    this.mtime = Objects.requireNonNull(b.mtime, "mtime");
    this.atime = Objects.requireNonNull(b.atime, "atime");
    this.ctime = Objects.requireNonNull(b.ctime, "ctime");
    this.uid = b.uid & 0xffffffffL;
    this.gid = b.gid & 0xffffffffL;
    this.user = Objects.requireNonNullElse(b.user, "");
    this.group = Objects.requireNonNullElse(b.group, "");
    this.inode = b.inode;
    this.deviceId = b.deviceId;
    this.size = b.size;
    this.links = b.links;
    this.linkTarget = b.linkTarget == null || b.linkTarget.length == 0 ? NO_TARGET
        : b.linkTarget.clone();
    this.extendedAttributes =
        b.extendedAttributes == null ? List.of() : List.copyOf(b.extendedAttributes);
    this.device = b.device;
    this.content = b.content == null ? null : List.copyOf(b.content);
    this.subtree = b.subtree;
    this.error = Objects.requireNonNullElse(b.error, "");
  }

  /** A builder for a node named by raw bytes; times start at Go's zero time. */
  public static NodeBuilder builder(byte[] name, NodeType type) {
    return new NodeBuilder(name, type);
  }

  /** A builder pre-filled with this node's fields, to derive a changed copy. */
  public NodeBuilder toBuilder() {
    return new NodeBuilder(name, type)
        .mode(mode).mtime(mtime).atime(atime).ctime(ctime).uid(uid).gid(gid)
        .user(user).group(group).inode(inode).deviceId(deviceId).size(size).links(links)
        .linkTarget(linkTarget).extendedAttributes(extendedAttributes).device(device)
        .content(content).subtree(subtree).error(error);
  }

  static Node build(NodeBuilder b) {
    return new Node(b);
  }

  /** Go os.FileMode for a Linux {@code st_mode}; see {@link GoFileMode#fromUnix}. */
  public static long goMode(int unixMode) {
    return GoFileMode.fromUnix(unixMode);
  }

  /** Linux {@code st_mode} for a Go os.FileMode; see {@link GoFileMode#toUnix}. */
  public static int unixMode(long goMode) {
    return GoFileMode.toUnix(goMode);
  }

  /** The raw name bytes (a copy). */
  public byte[] name() {
    return name.clone();
  }

  /** Compares raw names as unsigned bytes, the order of nodes in a tree. */
  public int compareName(Node other) {
    return Arrays.compareUnsigned(name, other.name);
  }

  byte[] rawName() {
    return name;
  }

  /** The name decoded as UTF-8 for display; invalid bytes show as U+FFFD. */
  public String displayName() {
    return new String(name, java.nio.charset.StandardCharsets.UTF_8);
  }

  public NodeType type() {
    return type;
  }

  /** Go os.FileMode bits, unsigned 32. */
  public long mode() {
    return mode;
  }

  public Timestamp mtime() {
    return mtime;
  }

  public Timestamp atime() {
    return atime;
  }

  public Timestamp ctime() {
    return ctime;
  }

  /** Unsigned 32-bit user id. */
  public long uid() {
    return uid;
  }

  /** Unsigned 32-bit group id. */
  public long gid() {
    return gid;
  }

  /** The user name, or "" when unknown. */
  public String user() {
    return user;
  }

  /** The group name, or "" when unknown. */
  public String group() {
    return group;
  }

  /** st_ino, unsigned 64. */
  public long inode() {
    return inode;
  }

  /** st_dev, unsigned 64. */
  public long deviceId() {
    return deviceId;
  }

  /** Bytes read for a file; unsigned 64. */
  public long size() {
    return size;
  }

  /** st_nlink; unsigned 64. */
  public long links() {
    return links;
  }

  /** The raw symlink target (a copy); empty when none. */
  public byte[] linkTarget() {
    return linkTarget.clone();
  }

  byte[] rawLinkTarget() {
    return linkTarget;
  }

  /** Extended attributes in listxattr order; never null. */
  public List<ExtendedAttribute> extendedAttributes() {
    return extendedAttributes;
  }

  /** st_rdev for devices; unsigned 64. */
  public long device() {
    return device;
  }

  /** Data blob ids of a file's chunks in order; null for non-files. */
  public List<Id> content() {
    return content;
  }

  /** The tree id of a directory's contents, or null. */
  public Id subtree() {
    return subtree;
  }

  /** The error recorded for a partially saved node, or "". */
  public String error() {
    return error;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Node n
        && Arrays.equals(name, n.name) && type == n.type && mode == n.mode
        && mtime.equals(n.mtime) && atime.equals(n.atime) && ctime.equals(n.ctime)
        && uid == n.uid && gid == n.gid && user.equals(n.user) && group.equals(n.group)
        && inode == n.inode && deviceId == n.deviceId && size == n.size && links == n.links
        && Arrays.equals(linkTarget, n.linkTarget)
        && extendedAttributes.equals(n.extendedAttributes) && device == n.device
        && Objects.equals(content, n.content) && Objects.equals(subtree, n.subtree)
        && error.equals(n.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(name), type, mode, mtime, inode, size, content, subtree);
  }

  @Override
  public String toString() {
    return "Node[" + GoStrings.quoteName(name) + " " + type.json() + "]";
  }
}
