package dev.cairn.prune;

import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.index.IndexFile;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes index files that describe every pack the master index knows except the ones going
 * away, each pack whole in one file, at most {@value #MAX_BLOBS} blobs per file.
 */
final class IndexRewriter {
  /** restic's limit for a full index file. */
  static final int MAX_BLOBS = 50_000;

  private final Repository repo;

  IndexRewriter(Repository repo) {
    this.repo = repo;
  }

  /** Writes the new index files and returns their ids. */
  List<Id> write(Set<Id> leaveOut) throws IOException {
    List<Id> written = new ArrayList<>();
    IndexFile[] current = {new IndexFile()};
    try {
      repo.index().forEachPack(blobs -> {
        Id pack = blobs.get(0).pack();
        if (leaveOut.contains(pack)) {
          return;
        }
        if (current[0].blobCount() > 0 && current[0].blobCount() + blobs.size() > MAX_BLOBS) {
          written.add(save(current[0]));
          current[0] = new IndexFile();
        }
        current[0].add(pack, List.<PackedBlob>copyOf(blobs));
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (current[0].blobCount() > 0) {
      written.add(save(current[0]));
    }
    return written;
  }

  private Id save(IndexFile file) {
    try {
      return repo.saveUnpacked(FileType.INDEX, file.encode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
