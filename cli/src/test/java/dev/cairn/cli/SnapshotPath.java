package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The way down a snapshot of one absolute path, as restic and Cairn store it: the root tree holds
 * the node of the path's first component, that node's subtree the node of the next one, and so
 * on down to the source's own node, whose subtree holds the source's contents. Every ancestor's
 * node carries the ancestor's metadata, so when another program changes an ancestor between two
 * backups (creates a file in {@code /tmp}, or next to the checkout) the trees from the root down
 * to that ancestor's parent legitimately differ, wherever the test runs; the source's node, and
 * everything below it, does not.
 *
 * @param source the absolute path backed up
 * @param trees the trees from the root tree down to the source's parent, root first
 * @param sizes the size in bytes of each of those tree blobs
 * @param nodes the one node each of those trees holds: the ancestors, then the source's node
 */
record SnapshotPath(Path source, List<String> trees, List<Integer> sizes, List<JsonNode> nodes) {
  /** What an entry added to or removed from a directory changes in the directory's node. */
  private static final Set<String> ENTRY_FIELDS = Set.of("mtime", "atime", "ctime", "links");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The trees that one snapshot holds above the source and another does not, and their bytes. */
  record NewTrees(int count, long bytes) {
    /**
     * Asserts the {@code summary} of a backup of an unchanged source made after a first one: no
     * data blob, and exactly these trees (a backup's {@code data_added} counts tree bytes too).
     */
    void assertAddedBy(JsonNode summary, String who) {
      assertThat(summary.get("data_blobs").asLong()).as("%s data_blobs", who).isZero();
      assertThat(summary.get("tree_blobs").asLong()).as("%s tree_blobs", who).isEqualTo(count);
      assertThat(summary.get("data_added").asLong()).as("%s data_added", who).isEqualTo(bytes);
    }
  }

  /** The path down snapshot {@code snapshot} (an id or a prefix) to {@code source}. */
  static SnapshotPath of(Cli cairn, String snapshot, Path source) {
    Path abs = source.toAbsolutePath().normalize();
    String tree = json(cairn.stdoutBytes("cat", "snapshot", snapshot)).get("tree").asText();
    List<String> trees = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<JsonNode> nodes = new ArrayList<>();
    for (Path name : abs) {
      byte[] blob = cairn.stdoutBytes("cat", "blob", tree);
      assertThat(sha256(blob)).as("id of tree blob %s", tree).isEqualTo(tree);
      JsonNode held = json(blob).get("nodes");
      assertThat(held).as("tree %s on the way to %s", tree, abs).hasSize(1);
      assertThat(held.get(0).get("name").asText()).as("tree %s", tree).isEqualTo(name.toString());
      trees.add(tree);
      sizes.add(blob.length);
      nodes.add(held.get(0));
      tree = held.get(0).get("subtree").asText();
    }
    return new SnapshotPath(abs, List.copyOf(trees), List.copyOf(sizes), List.copyOf(nodes));
  }

  /** The source's own node: its metadata and the id of the tree of its contents. */
  JsonNode sourceNode() {
    return nodes.get(nodes.size() - 1);
  }

  /**
   * Compares {@code later}, a snapshot of the same unchanged source made after this one, with
   * this one, and returns the trees it holds that this one does not. Asserts that the source's
   * node (so the source's whole subtree) is identical; that an ancestor's node differs only when
   * the ancestor's {@linkplain #ancestorStamps stamps} {@code before} (taken before the first
   * backup) and {@code after} (taken after the second) differ, and then only in what an added or
   * removed entry changes; and that exactly the trees from the root down to the parent of the
   * deepest such ancestor differ.
   */
  NewTrees newTreesIn(SnapshotPath later, Map<Path, String> before, Map<Path, String> after) {
    assertThat(later.source).isEqualTo(source);
    assertThat(later.sourceNode()).as("node of the source %s, with its subtree", source)
        .isEqualTo(sourceNode());
    int changed = 0;
    for (int i = 0; i < nodes.size() - 1; i++) {
      Set<String> fields = differingFields(nodes.get(i), later.nodes.get(i));
      fields.remove("subtree");
      if (!fields.isEmpty()) {
        Path ancestor = source.getRoot().resolve(source.subpath(0, i + 1));
        assertThat(fields).as("fields of ancestor %s that differ", ancestor)
            .isSubsetOf(ENTRY_FIELDS);
        assertThat(after.get(ancestor)).as("stamps of ancestor %s, whose node differs", ancestor)
            .isNotEqualTo(before.get(ancestor));
        changed = i + 1;
      }
    }
    long bytes = 0;
    for (int i = 0; i < trees.size(); i++) {
      assertThat(later.trees.get(i).equals(trees.get(i)))
          .as("tree %d of %s is the same (deepest changed ancestor: %d)", i, trees, changed)
          .isEqualTo(i >= changed);
      bytes += i < changed ? later.sizes.get(i) : 0;
    }
    return new NewTrees(changed, bytes);
  }

  /**
   * mtime and ctime of every directory above {@code source} but the file system root (which no
   * snapshot records), by path: what another program changes when it adds or removes an entry.
   */
  static Map<Path, String> ancestorStamps(Path source) {
    Map<Path, String> stamps = new LinkedHashMap<>();
    Path abs = source.toAbsolutePath().normalize();
    for (Path p = abs.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
      try {
        PosixFileAttributes a =
            Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object ctime = Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        stamps.put(p, a.lastModifiedTime() + " " + ctime);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return stamps;
  }

  private static Set<String> differingFields(JsonNode a, JsonNode b) {
    Set<String> names = new TreeSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    names.removeIf(n -> a.path(n).equals(b.path(n)));
    return names;
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
