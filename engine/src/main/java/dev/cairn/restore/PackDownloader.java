package dev.cairn.restore;

import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the blobs one pack contributes to a restore: the needed blobs are sorted by offset and
 * read in ranges, a new range starting where the gap to the next blob exceeds {@value #MAX_GAP}
 * bytes or a range would exceed {@value #MAX_RANGE} bytes (restic's rules); each blob is opened
 * once and written to every place that needs it.
 */
final class PackDownloader {
  static final int MAX_GAP = 1 << 20;
  static final int MAX_RANGE = 32 << 20;

  private final PackSource source;
  private final Consumer<FileTarget> onComplete;
  private final RestoreErrors errors;
  private final ThreadLocal<byte[]> ranges = ThreadLocal.withInitial(() -> new byte[1 << 20]);

  PackDownloader(PackSource source, Consumer<FileTarget> onComplete, RestoreErrors errors) {
    this.source = source;
    this.onComplete = onComplete;
    this.errors = errors;
  }

  /** Restores every use of blobs of {@code pack}; failures are recorded per file. */
  void download(Id pack, List<BlobUse> uses) {
    Map<PackedBlob, List<BlobUse>> byBlob = new LinkedHashMap<>();
    for (BlobUse u : uses) {
      byBlob.computeIfAbsent(u.blob(), b -> new ArrayList<>()).add(u);
    }
    List<PackedBlob> blobs = new ArrayList<>(byBlob.keySet());
    blobs.sort(Comparator.comparingLong(PackedBlob::offset));
    int i = 0;
    while (i < blobs.size()) {
      int j = i + 1;
      long start = blobs.get(i).offset();
      long end = start + blobs.get(i).length();
      while (j < blobs.size()) {
        PackedBlob next = blobs.get(j);
        long nextEnd = Math.max(end, next.offset() + next.length());
        if (next.offset() - end > MAX_GAP || nextEnd - start > MAX_RANGE) {
          break;
        }
        end = nextEnd;
        j++;
      }
      readRange(pack, blobs.subList(i, j), start, (int) (end - start), byBlob);
      i = j;
    }
  }

  private void readRange(Id pack, List<PackedBlob> blobs, long start, int len,
      Map<PackedBlob, List<BlobUse>> byBlob) {
    byte[] buf = rangeBuffer(len);
    try {
      source.readPack(pack, start, len, buf);
    } catch (IOException | RuntimeException e) {
      for (PackedBlob b : blobs) {
        failAll(byBlob.get(b), "unable to read pack " + pack.hex() + " at " + start + ": "
            + e.getMessage());
      }
      return;
    }
    for (PackedBlob b : blobs) {
      byte[] plain;
      try {
        plain = source.openBlob(b, buf, (int) (b.offset() - start));
      } catch (RuntimeException e) {
        failAll(byBlob.get(b), e.getMessage());
        continue;
      }
      for (BlobUse u : byBlob.get(b)) {
        try {
          if (u.file().write(u.offset(), plain, b.plaintextLength())) {
            onComplete.accept(u.file());
          }
        } catch (IOException e) {
          if (u.file().fail(e.getMessage())) {
            errors.add(u.file().path, "write: " + e.getMessage());
          }
        }
      }
    }
  }

  /**
   * A read buffer per downloading thread, grown as needed: no allocation per range. It grows to
   * the next MiB, not by doubling, which would make a 32 MiB buffer for a 17 MiB pack.
   */
  private byte[] rangeBuffer(int len) {
    byte[] b = ranges.get();
    if (b.length < len) {
      b = new byte[(int) Math.min(Integer.MAX_VALUE - 8, ((long) len + (1 << 20) - 1) & -(1L << 20))];
      ranges.set(b);
    }
    return b;
  }

  private void failAll(List<BlobUse> uses, String why) {
    for (BlobUse u : uses) {
      if (u.file().fail(why)) {
        errors.add(u.file().path, why);
      }
    }
  }
}
