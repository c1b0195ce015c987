package dev.cairn.backup;

import dev.cairn.chunker.Chunker;
import dev.cairn.chunker.Polynomial;
import dev.cairn.core.BlobSaver;
import dev.cairn.core.BlobType;
import dev.cairn.core.HostIdentity;
import dev.cairn.core.Id;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Timestamp;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code backup --stdin}: stores a stream as one file named {@code --stdin-filename} at the
 * root of the snapshot, with mode 0644, owned by the current user and timed now, as restic does.
 */
public final class StdinArchiver {
  private final BlobSaver saver;

  public StdinArchiver(BlobSaver saver) {
    this.saver = saver;
  }

  /** Reads {@code in} to its end and returns the root tree and the counters. */
  public ArchiveResult archive(InputStream in, String filename, Polynomial pol, BackupProgress p)
      throws IOException {
    Chunker chunker = new Chunker(pol);
    chunker.reset(in);
    byte[] buf = new byte[Chunker.MAX_SIZE];
    List<Id> content = new ArrayList<>();
    long size = 0;
    for (int n; (n = chunker.next(buf)) >= 0; ) {
      Id id = Id.hash(buf, 0, n);
      saver.saveBlob(BlobType.DATA, id, buf, 0, n);
      content.add(id);
      size += n;
      p.addBytes(n);
    }
    Timestamp now = Timestamp.of(Instant.now(), ZoneId.systemDefault());
    HostIdentity me = HostIdentity.current();
    Node node = Node.builder(filename.getBytes(StandardCharsets.UTF_8), NodeType.FILE)
        .mode(0644)
        .mtime(now)
        .atime(now)
        .ctime(now)
        .uid(Math.max(0, me.uid()))
        .gid(Math.max(0, me.gid()))
        .size(size)
        .content(content)
        .build();
    byte[] json = Tree.of(List.of(node)).encode();
    Id tree = Id.hash(json);
    saver.saveBlob(BlobType.TREE, tree, json, 0, json.length);
    BackupStats stats = new BackupStats();
    stats.filesNew.incrementAndGet();
    stats.bytesProcessed.addAndGet(size);
    stats.bytesRead.addAndGet(size);
    return new ArchiveResult(tree, List.of("/" + filename), stats, List.of());
  }
}
