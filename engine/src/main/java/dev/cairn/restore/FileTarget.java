package dev.cairn.restore;

import dev.cairn.fs.SparseWriter;
import dev.cairn.core.Id;
import java.util.List;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One regular file being restored: its metadata, and how many blob writes are still missing. The
 * file is opened on the first write and closed, sized and given its metadata after the last.
 */
final class FileTarget {
  final Path path;
  final ItemMeta meta;
  /** The blobs of the content, kept only for {@code --verify}; else null. */
  final List<Id> content;
  final long size;
  private final boolean sparse;
  private int remaining;
  private SparseWriter writer;
  private String failure;

  FileTarget(Path path, ItemMeta meta, List<Id> content, long size, int blobs,
      boolean sparse) {
    this.path = path;
    this.meta = meta;
    this.content = content;
    this.size = size;
    this.remaining = blobs;
    this.sparse = sparse;
  }

  /**
   * Writes one blob's plaintext at {@code offset}.
   *
   * @return true when this was the last missing write and the file is complete
   */
  synchronized boolean write(long offset, byte[] plain, int length) throws IOException {
    if (failure != null) {
      return false;
    }
    if (writer == null) {
      writer = SparseWriter.open(path, sparse);
    }
    writer.write(offset, plain, 0, length);
    return --remaining == 0 && finish();
  }

  /** Creates the file when it has no content at all. */
  synchronized void createEmpty() throws IOException {
    try (SparseWriter w = SparseWriter.open(path, sparse)) {
      w.setLength(0);
    }
  }

  private boolean finish() throws IOException {
    try (SparseWriter w = writer) {
      w.setLength(size);
    }
    writer = null;
    return true;
  }

  /** Marks the file failed; later writes are dropped. Returns false if already failed. */
  synchronized boolean fail(String why) {
    if (failure != null) {
      return false;
    }
    failure = why;
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // the file is reported failed anyway
      }
      writer = null;
    }
    return true;
  }

  synchronized boolean failed() {
    return failure != null;
  }
}
