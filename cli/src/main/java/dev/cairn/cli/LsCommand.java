package dev.cairn.cli;

import dev.cairn.cli.report.Output;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.operation.HeldLock;
import dev.cairn.operation.Snapshots;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn ls}: lists the files of a snapshot. */
@Command(name = "ls", description = "List files in a snapshot")
final class LsCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "snapshot id prefix or latest")
  String snapshot;

  @Parameters(index = "1..*", paramLabel = "DIR", description = "only list these directories")
  List<String> dirs = new ArrayList<>();

  @Option(names = {"-l", "--long"}, description = "long listing format")
  boolean longFormat;

  @Option(names = "--recursive", description = "descend into DIR arguments")
  boolean recursive;

  @Mixin FilterOptions filters;

  @Override
  public Integer call() throws Exception {
    try (Repository repo = main.locator().open();
        HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.READ, main.lockOptions())) {
      repo.loadIndex();
      SnapshotRef f = new Snapshots(repo).find(snapshot, filters.filter());
      if (main.global().json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Output.json().readValue(f.snapshot().encode(), LinkedHashMap.class);
        m.put("id", f.id().hex());
        m.put("short_id", f.id().shortHex());
        m.put("struct_type", "snapshot");
        main.out().json(m);
      } else {
        main.out().println("snapshot " + f.id().shortHex() + " of ["
            + String.join(" ", f.snapshot().paths()) + "] filtered by [" + String.join(" ", dirs)
            + "] at "
            + f.snapshot().time().goString(java.time.ZoneId.systemDefault()) + "):");
      }
      walk(repo, f.snapshot().tree(), "");
    }
    return ExitCodes.OK;
  }

  private void walk(Repository repo, Id treeId, String prefix) throws IOException {
    Tree tree = Tree.decode(repo.loadBlob(BlobType.TREE, treeId));
    for (Node n : tree.nodes()) {
      String path = prefix + "/" + n.displayName();
      if (selected(path)) {
        print(n, path);
      }
      if (n.type() == NodeType.DIR && n.subtree() != null && descend(path)) {
        walk(repo, n.subtree(), path);
      }
    }
  }

  private boolean selected(String path) {
    if (dirs.isEmpty()) {
      return true;
    }
    for (String d : dirs) {
      String dd = d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
      if (path.equals(dd) || (path.startsWith(dd + "/")
          && (recursive || path.lastIndexOf('/') == dd.length()))) {
        return true;
      }
    }
    return false;
  }

  private boolean descend(String path) {
    if (dirs.isEmpty()) {
      return true;
    }
    for (String d : dirs) {
      String dd = d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
      if (dd.startsWith(path + "/") || dd.equals(path) || (recursive && path.startsWith(dd + "/"))) {
        return true;
      }
    }
    return false;
  }

  private void print(Node n, String path) {
    if (main.global().json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", n.displayName());
      m.put("type", n.type().json());
      m.put("path", path);
      m.put("uid", n.uid());
      m.put("gid", n.gid());
      if (n.type() == NodeType.FILE) {
        m.put("size", n.size());
      }
      m.put("mode", n.mode());
      m.put("mtime", n.mtime().format());
      m.put("atime", n.atime().format());
      m.put("ctime", n.ctime().format());
      m.put("struct_type", "node");
      main.out().json(m);
    } else if (longFormat) {
      main.out().println(String.format(Locale.ROOT, "%s %5d %5d %12d %s %s",
          modeString(n), n.uid(), n.gid(), n.size(), n.mtime().format(), path));
    } else {
      main.out().println(path);
    }
  }

  private static String modeString(Node n) {
    int m = Node.unixMode(n.mode());
    char t = switch (n.type()) {
      case DIR -> 'd';
      case SYMLINK -> 'L';
      case DEV -> 'D';
      case CHARDEV -> 'c';
      case FIFO -> 'p';
      case SOCKET -> 'S';
      default -> '-';
    };
    StringBuilder sb = new StringBuilder().append(t);
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      sb.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return sb.toString();
  }
}
