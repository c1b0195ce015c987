package dev.cairn.cli;

import dev.cairn.cli.report.Units;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.Id;
import dev.cairn.operation.HeldLock;
import dev.cairn.operation.Snapshots;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn stats}: restic's {@code restore-size} mode (every node of each snapshot, the size
 * of files, hard links counted once) and {@code raw-data} mode (the unique blobs the snapshots
 * reference, as stored). Without snapshot ids, all (filtered) snapshots.
 */
@Command(name = "stats", description = "Scan the repository and show basic statistics")
final class StatsCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(arity = "0..*", paramLabel = "SNAPSHOT")
  List<String> ids = new ArrayList<>();

  @Option(names = "--mode", description = "restore-size (default) or raw-data")
  String mode = "restore-size";

  @Mixin FilterOptions filters;

  private Repository repo;
  private long totalSize;
  private long fileCount;

  @Override
  public Integer call() throws Exception {
    if (!mode.equals("restore-size") && !mode.equals("raw-data")) {
      throw new CairnException("unknown mode \"" + mode + "\" (restore-size, raw-data; "
          + "files-by-contents and blobs-per-file are not supported)");
    }
    try (Repository r = main.locator().open();
        HeldLock lock = HeldLock.acquire(r, HeldLock.Mode.READ, main.lockOptions())) {
      repo = r;
      repo.loadIndex();
      Snapshots finder = new Snapshots(repo);
      List<SnapshotRef> snaps = new ArrayList<>();
      if (ids.isEmpty()) {
        snaps.addAll(finder.matching(filters.filter()));
      } else {
        for (String id : ids) {
          snaps.add(finder.find(id, filters.filter()));
        }
      }
      Map<String, Object> out = mode.equals("raw-data") ? rawData(snaps) : restoreSize(snaps);
      if (main.global().json) {
        main.out().json(out);
      } else {
        print(out);
      }
    }
    return ExitCodes.OK;
  }

  private Map<String, Object> restoreSize(List<SnapshotRef> snaps) throws IOException {
    for (SnapshotRef f : snaps) {
      walk(f.snapshot().tree(), new HashSet<>());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_size", totalSize);
    m.put("total_file_count", fileCount);
    m.put("snapshots_count", snaps.size());
    return m;
  }

  private void walk(Id tree, Set<List<Long>> inodes) throws IOException {
    for (Node n : Tree.decode(repo.loadBlob(BlobType.TREE, tree)).nodes()) {
      fileCount++;
      if (n.inode() == 0 || inodes.add(List.of(n.inode(), n.deviceId()))) {
        totalSize += n.size();
      }
      if (n.type() == NodeType.DIR && n.subtree() != null) {
        walk(n.subtree(), inodes);
      }
    }
  }

  private Map<String, Object> rawData(List<SnapshotRef> snaps) throws IOException {
    Set<BlobHandle> blobs = new LinkedHashSet<>();
    for (SnapshotRef f : snaps) {
      collect(f.snapshot().tree(), blobs);
    }
    long size = 0;
    long uncompressed = 0;
    long compressedSize = 0;
    long compressedUncompressed = 0;
    for (BlobHandle h : blobs) {
      PackedBlob pb = repo.index().lookup(h);
      if (pb == null) {
        throw new CairnException("blob " + h + " not found in index");
      }
      size += pb.length();
      long plain = pb.compressed() ? pb.uncompressedLength() + 32L : pb.length();
      uncompressed += plain;
      if (pb.compressed()) {
        compressedSize += pb.length();
        compressedUncompressed += plain;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_size", size);
    if (repo.config().version() >= 2 && uncompressed > 0) {
      m.put("total_uncompressed_size", uncompressed);
      m.put("compression_ratio", size == 0 ? 0.0 : (double) uncompressed / size);
      m.put("compression_progress", (double) compressedUncompressed / uncompressed * 100);
      m.put("compression_space_saving", (1 - (double) size / uncompressed) * 100);
    }
    m.put("total_blob_count", (long) blobs.size());
    m.put("snapshots_count", snaps.size());
    return m;
  }

  private void collect(Id tree, Set<BlobHandle> blobs) throws IOException {
    if (!blobs.add(new BlobHandle(tree, BlobType.TREE))) {
      return; // seen: everything below it too
    }
    for (Node n : Tree.decode(repo.loadBlob(BlobType.TREE, tree)).nodes()) {
      if (n.type() == NodeType.FILE) {
        for (Id d : n.content()) {
          blobs.add(new BlobHandle(d, BlobType.DATA));
        }
      } else if (n.type() == NodeType.DIR && n.subtree() != null) {
        collect(n.subtree(), blobs);
      }
    }
  }

  private void print(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder("Stats in " + mode + " mode:\n");
    String fmt = "%24s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "Snapshots processed:", m.get("snapshots_count")));
    if (m.containsKey("total_file_count")) {
      sb.append(String.format(Locale.ROOT, fmt, "Total File Count:", m.get("total_file_count")));
    }
    if (m.containsKey("total_blob_count")) {
      sb.append(String.format(Locale.ROOT, fmt, "Total Blob Count:", m.get("total_blob_count")));
    }
    if (m.containsKey("total_uncompressed_size")) {
      sb.append(String.format(Locale.ROOT, fmt, "Total Uncompressed Size:",
          Units.bytes((Long) m.get("total_uncompressed_size"))));
    }
    sb.append(String.format(Locale.ROOT, fmt, "Total Size:",
        Units.bytes((Long) m.get("total_size"))));
    if (m.containsKey("compression_ratio")) {
      sb.append(String.format(Locale.ROOT, "%24s  %.3f%%%n", "Compression Progress:",
          (Double) m.get("compression_progress")));
      sb.append(String.format(Locale.ROOT, "%24s  %.2fx%n", "Compression Ratio:",
          (Double) m.get("compression_ratio")));
      sb.append(String.format(Locale.ROOT, "%24s  %.3f%%%n", "Compression Space Saving:",
          (Double) m.get("compression_space_saving")));
    }
    main.out().println(sb.toString().stripTrailing());
  }
}
