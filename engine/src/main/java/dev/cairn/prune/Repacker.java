package dev.cairn.prune;

import dev.cairn.backend.Handle;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.Futures;
import dev.cairn.repository.PackUploader;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Copies the blobs still needed out of packs that are going away into new packs: each blob is
 * read, checked (MAC, zstd, plaintext hash), compressed under the repository's current rules
 * and sealed again with a new IV. New packs and their index files are written before this
 * returns; the old packs are not touched.
 */
final class Repacker {
  private final Repository repo;
  private final int packSize;

  Repacker(Repository repo, int packSize) {
    this.repo = repo;
    this.packSize = packSize;
  }

  /**
   * Repacks the {@code keep} blobs found in {@code packs}; each is copied once, and removed
   * from {@code keep} when copied.
   *
   * @return ids of the index files written for the new packs
   * @throws CairnException naming blob and pack when a needed blob cannot be read intact
   */
  List<Id> repack(Set<Id> packs, Set<BlobHandle> keep, Consumer<Id> packDone) throws IOException {
    Map<Id, List<PackedBlob>> byPack = new HashMap<>();
    repo.index().forEachPack(blobs -> {
      Id pack = blobs.get(0).pack();
      if (packs.contains(pack)) {
        byPack.put(pack, blobs);
      }
    });
    Set<BlobHandle> todo = ConcurrentHashMap.newKeySet();
    todo.addAll(keep);
    int threads = Math.max(1, repo.backend().connections());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cairn-repack");
      t.setDaemon(true);
      return t;
    });
    try (PackUploader uploader = repo.newRepackUploader(packSize)) {
      List<Future<?>> futures = new ArrayList<>();
      for (List<PackedBlob> blobs : byPack.values()) {
        futures.add(pool.submit(() -> {
          copy(blobs, todo, uploader);
          packDone.accept(blobs.get(0).pack());
          return null;
        }));
      }
      for (Future<?> f : futures) {
        Futures.get(f);
      }
      List<Id> indexes = uploader.flush();
      keep.retainAll(todo);
      if (!keep.isEmpty()) {
        throw new CairnException("internal error: " + keep.size() + " blobs were not repacked,"
            + " for example " + keep.iterator().next());
      }
      return indexes;
    } finally {
      pool.shutdownNow();
    }
  }

  private void copy(List<PackedBlob> blobs, Set<BlobHandle> todo, PackUploader uploader)
      throws IOException {
    List<PackedBlob> wanted = new ArrayList<>();
    for (PackedBlob b : blobs) {
      if (todo.contains(b.handle())) {
        wanted.add(b);
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    wanted.sort((a, b) -> Long.compare(a.offset(), b.offset()));
    long from = wanted.get(0).offset();
    PackedBlob last = wanted.get(wanted.size() - 1);
    long to = last.offset() + last.length();
    Id pack = last.pack();
    byte[] data = repo.backend().load(new Handle(FileType.PACK, pack.hex()), from,
        Math.toIntExact(to - from));
    for (PackedBlob b : wanted) {
      if (!todo.remove(b.handle())) {
        continue;
      }
      byte[] plain = repo.codec().openTransient(b, data, Math.toIntExact(b.offset() - from));
      uploader.saveBlob(b.type(), b.id(), plain, 0, b.plaintextLength());
    }
  }
}
