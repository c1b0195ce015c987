package dev.cairn.cli;

import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.operation.HeldLock;
import dev.cairn.operation.Snapshots;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn diff SNAP1 SNAP2}: the paths added ({@code +}), removed ({@code -}), whose file
 * content changed ({@code M}) or whose type changed ({@code T}), as restic prints them:
 * directories end in {@code /}, the contents of an added or removed directory are listed too
 * (not those of an entry that became or stopped being a directory, as in restic 0.14).
 */
@Command(name = "diff", description = "Show differences between two snapshots")
final class DiffCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(index = "0", paramLabel = "SNAPSHOT1")
  String first;

  @Parameters(index = "1", paramLabel = "SNAPSHOT2")
  String second;

  /** New and removed entries by kind. */
  private static final class Counts {
    int files;
    int dirs;
    int others;

    void add(Node n) {
      switch (n.type()) {
        case FILE -> files++;
        case DIR -> dirs++;
        default -> others++;
      }
    }
  }

  private final Counts added = new Counts();
  private final Counts removed = new Counts();
  private int changedFiles;
  private Repository repo;

  @Override
  public Integer call() throws Exception {
    try (Repository r = main.locator().open();
        HeldLock lock = HeldLock.acquire(r, HeldLock.Mode.READ, main.lockOptions())) {
      repo = r;
      repo.loadIndex();
      Snapshots finder = new Snapshots(repo);
      SnapshotRef a = finder.find(first, SnapshotFilter.ALL);
      SnapshotRef b = finder.find(second, SnapshotFilter.ALL);
      if (!main.global().json) {
        main.out().println("comparing snapshot " + a.id().shortHex() + " to "
            + b.id().shortHex() + ":\n");
      }
      diffTrees("/", a.snapshot().tree(), b.snapshot().tree());
      if (main.global().json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_type", "statistics");
        m.put("source_snapshot", a.id().hex());
        m.put("target_snapshot", b.id().hex());
        m.put("changed_files", changedFiles);
        m.put("added", counts(added));
        m.put("removed", counts(removed));
        main.out().json(m);
      } else {
        main.out().println("\n" + String.format(Locale.ROOT,
            "Files:       %5d new, %5d removed, %5d changed%n"
                + "Dirs:        %5d new, %5d removed%n"
                + "Others:      %5d new, %5d removed",
            added.files, removed.files, changedFiles, added.dirs, removed.dirs, added.others,
            removed.others));
      }
    }
    return ExitCodes.OK;
  }

  private static Map<String, Object> counts(Counts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", c.files);
    m.put("dirs", c.dirs);
    m.put("others", c.others);
    return m;
  }

  private List<Node> nodes(Id tree) throws IOException {
    return tree == null ? List.of() : Tree.decode(repo.loadBlob(BlobType.TREE, tree)).nodes();
  }

  private void diffTrees(String prefix, Id treeA, Id treeB) throws IOException {
    if (Objects.equals(treeA, treeB)) {
      return;
    }
    List<Node> as = nodes(treeA);
    List<Node> bs = nodes(treeB);
    int i = 0;
    int j = 0;
    while (i < as.size() || j < bs.size()) {
      int c = i == as.size() ? 1 : j == bs.size() ? -1 : as.get(i).compareName(bs.get(j));
      if (c < 0) {
        whole("-", prefix, as.get(i++), removed);
      } else if (c > 0) {
        whole("+", prefix, bs.get(j++), added);
      } else {
        Node a = as.get(i++);
        Node b = bs.get(j++);
        String path = prefix + a.displayName();
        if (a.type() != b.type()) {
          // restic 0.14 lists neither the old nor the new directory's contents here
          print("T", path + (b.type() == NodeType.DIR ? "/" : ""));
        } else if (a.type() == NodeType.DIR) {
          diffTrees(path + "/", a.subtree(), b.subtree());
        } else if (a.type() == NodeType.FILE && !a.content().equals(b.content())) {
          changedFiles++;
          print("M", path);
        }
      }
    }
  }

  /** An entry only one snapshot has, with everything below it. */
  private void whole(String mod, String prefix, Node n, Counts counts) throws IOException {
    counts.add(n);
    String path = prefix + n.displayName();
    if (n.type() == NodeType.DIR) {
      print(mod, path + "/");
      descend(mod, path + "/", n.subtree(), counts);
    } else {
      print(mod, path);
    }
  }

  private void descend(String mod, String prefix, Id tree, Counts counts) throws IOException {
    for (Node n : nodes(tree)) {
      whole(mod, prefix, n, counts);
    }
  }

  private void print(String mod, String path) {
    if (main.global().json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message_type", "change");
      m.put("path", path);
      m.put("modifier", mod);
      main.out().json(m);
    } else {
      main.out().println(String.format(Locale.ROOT, "%-5s%s", mod, path));
    }
  }
}
