package dev.cairn.tree;

import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The contents of one directory: its nodes, sorted strictly ascending by raw name bytes
 * (unsigned, i.e. Go string order) with no duplicate names. Its blob is
 * {@code {"nodes":[node,...]}\n} in restic 0.14's exact bytes, and its id is the SHA-256 of
 * those bytes (restic-format.md §7.2), so encoding must be deterministic to deduplicate.
 * Immutable.
 */
public final class Tree {
  /** The tree with no nodes; encodes to the 13 bytes {@code {"nodes":[]}\n}. */
  public static final Tree EMPTY = new Tree(List.of());

  private final List<Node> nodes;

  private Tree(List<Node> sortedNodes) {
    this.nodes = sortedNodes;
  }

  /**
   * A tree of {@code nodes} in any order; they are sorted by raw name.
   *
   * @throws IllegalArgumentException when two nodes have the same name
   */
  public static Tree of(List<Node> nodes) {
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(Node::compareName);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).compareName(sorted.get(i)) == 0) {
        throw new IllegalArgumentException(
            "duplicate node name in tree: " + GoStrings.quoteName(sorted.get(i).rawName()));
      }
    }
    return new Tree(Collections.unmodifiableList(sorted));
  }

  /** The nodes in name order; unmodifiable. */
  public List<Node> nodes() {
    return nodes;
  }

  /** The node with the raw name {@code name}, or null; binary search. */
  public Node find(byte[] name) {
    int lo = 0;
    int hi = nodes.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = java.util.Arrays.compareUnsigned(nodes.get(mid).rawName(), name);
      if (c == 0) {
        return nodes.get(mid);
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  /** The blob bytes, with the trailing newline. */
  public byte[] encode() {
    JsonSink out = new JsonSink();
    encodeTo(out);
    return out.bytes();
  }

  /** Appends the blob bytes to {@code out}; reuse one sink per thread on hot paths. */
  public void encodeTo(JsonSink out) {
    out.raw("{\"nodes\":[");
    for (int i = 0; i < nodes.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      NodeJson.write(nodes.get(i), out);
    }
    out.raw("]}\n");
  }

  /** The tree id: SHA-256 of {@link #encode()}. */
  public Id id() {
    return Id.hash(encode());
  }

  /**
   * Reads a tree blob. Accepts {@code "nodes":null}, unknown keys around {@code nodes}, any
   * whitespace, and unknown node fields.
   *
   * @throws IntegrityException when the JSON is malformed, a field has the wrong type, or the
   *     nodes are not strictly sorted by name (restic never writes that; re-sorting would change
   *     the tree id)
   */
  public static Tree decode(byte[] json) {
    List<Node> nodes = new ArrayList<>();
    try (JsonSource in = JsonSource.open(json, "tree")) {
      in.beginObject();
      for (String key = in.nextField(); key != null; key = in.nextField()) {
        if (!key.equals("nodes")) {
          in.skip();
          continue;
        }
        nodes.clear();
        if (in.beginArray()) {
          while (in.nextElement()) {
            nodes.add(NodeJson.read(in));
          }
        }
      }
      in.end();
    }
    for (int i = 1; i < nodes.size(); i++) {
      int c = nodes.get(i - 1).compareName(nodes.get(i));
      if (c >= 0) {
        throw new IntegrityException(
            (c == 0 ? "duplicate node name " : "nodes not sorted at ")
                + GoStrings.quoteName(nodes.get(i).rawName()) + " in tree");
      }
    }
    return new Tree(Collections.unmodifiableList(nodes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tree t && nodes.equals(t.nodes);
  }

  @Override
  public int hashCode() {
    return nodes.hashCode();
  }

  @Override
  public String toString() {
    return "Tree" + nodes;
  }
}
