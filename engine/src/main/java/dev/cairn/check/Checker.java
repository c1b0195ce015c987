package dev.cairn.check;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.index.IndexFile;
import dev.cairn.index.MasterIndex;
import dev.cairn.pack.PackHeader;
import dev.cairn.pack.PackReader;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.tree.Node;
import dev.cairn.tree.NodeType;
import dev.cairn.tree.Tree;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks a repository as {@code restic check} does, step by step: {@link #loadIndex},
 * {@link #checkPacks}, {@link #checkStructure} and optionally {@link #readData}. Every problem
 * found goes to the sink as it is found (from several threads, one at a time) and is counted.
 * The repository's master index is filled by {@link #loadIndex}; it must start empty.
 */
public final class Checker {
  private final Repository repo;
  private final Backend backend;
  private final Consumer<Problem> sink;
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger warnings = new AtomicInteger();
  /** Pack id to its blobs as the index files list them (the union when several list it). */
  private final Map<Id, List<PackedBlob>> indexed = new TreeMap<>();
  /** Pack files in the backend, with their sizes. */
  private final Map<Id, Long> present = new TreeMap<>();
  private ReadDataSubset subset;
  private Random rnd;
  private List<Id> fullRead = List.of();
  private final ThreadLocal<byte[]> packBuffer = ThreadLocal.withInitial(() -> new byte[0]);

  public Checker(Repository repo, Consumer<Problem> sink) {
    this.repo = repo;
    this.backend = repo.backend();
    this.sink = sink;
  }

  /** Errors reported so far. */
  public int errors() {
    return errors.get();
  }

  /** Warnings reported so far. */
  public int warnings() {
    return warnings.get();
  }

  private void report(Problem p) {
    (p.isError() ? errors : warnings).incrementAndGet();
    synchronized (sink) {
      sink.accept(p);
    }
  }

  /** Loads every index file into the master index; an unreadable one is an error naming it. */
  public void loadIndex() throws IOException {
    List<Id> ids = repo.list(FileType.INDEX);
    List<Future<?>> futures = new ArrayList<>();
    Map<Id, IndexFile> loaded = new TreeMap<>();
    ExecutorService pool = pool();
    try {
      for (Id id : ids) {
        futures.add(pool.submit(() -> {
          try {
            IndexFile f = IndexFile.decode(repo.loadUnpacked(FileType.INDEX, id), "index/" + id);
            synchronized (loaded) {
              loaded.put(id, f);
            }
          } catch (IOException | RuntimeException e) {
            report(Problem.error("index " + id.hex() + ": unable to load: " + e.getMessage()));
          }
        }));
      }
      await(futures);
    } finally {
      pool.shutdownNow();
    }
    MasterIndex index = repo.index();
    Map<Id, List<Id>> filesOfPack = new TreeMap<>();
    for (Map.Entry<Id, IndexFile> file : loaded.entrySet()) {
      index.addAll(file.getValue());
      for (Map.Entry<Id, List<PackedBlob>> e : file.getValue().packs().entrySet()) {
        filesOfPack.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(file.getKey());
        List<PackedBlob> known = indexed.get(e.getKey());
        if (known == null) {
          indexed.put(e.getKey(), new ArrayList<>(e.getValue()));
          continue;
        }
        // the same pack in several index files: the union of their entries
        Set<BlobHandle> have = new HashSet<>();
        known.forEach(b -> have.add(b.handle()));
        for (PackedBlob b : e.getValue()) {
          if (have.add(b.handle())) {
            known.add(b);
          }
        }
      }
    }
    for (Map.Entry<Id, List<Id>> e : filesOfPack.entrySet()) {
      if (e.getValue().size() > 1) {
        StringBuilder names = new StringBuilder();
        for (Id f : e.getValue()) {
          names.append(names.length() == 0 ? "" : " ").append(f.shortHex());
        }
        report(Problem.warning("pack " + e.getKey().hex() + ": contained in several indexes: {"
            + names + "}"));
      }
    }
    repo.indexComplete();
  }

  /**
   * Chooses, before {@link #checkPacks}, the packs that {@link #readData} will read whole; their
   * headers are then checked from the whole pack instead of in a read of their own.
   */
  public void readDataLater(ReadDataSubset subset, Random rnd) {
    this.subset = subset;
    this.rnd = rnd;
  }

  /**
   * Compares the pack files with the index (missing, unreferenced, wrong size), then reads the
   * header of each indexed pack that is not read whole later and compares its entries with the
   * index.
   */
  public void checkPacks() throws IOException {
    backend.list(FileType.PACK, (FileInfo fi) -> {
      if (Id.isValid(fi.name())) {
        present.put(Id.parse(fi.name()), fi.size());
      } else {
        report(Problem.warning("pack file " + fi.name() + ": name is not a pack id"));
      }
    });
    for (Id pack : present.keySet()) {
      if (!indexed.containsKey(pack)) {
        report(Problem.warning("pack " + pack.hex() + ": not referenced in any index"));
      }
    }
    List<Id> toRead = new ArrayList<>();
    for (Map.Entry<Id, List<PackedBlob>> e : indexed.entrySet()) {
      Id pack = e.getKey();
      Long size = present.get(pack);
      if (size == null) {
        report(Problem.error("pack " + pack.hex() + ": not found"));
        continue;
      }
      long expected = PackHeader.packSize(e.getValue());
      if (size != expected) {
        report(Problem.error("pack " + pack.hex() + ": size mismatch: file has " + size
            + " bytes, the index implies " + expected));
      }
      toRead.add(pack);
    }
    if (subset != null) {
      Map<Id, Long> candidates = new TreeMap<>();
      for (Id pack : toRead) {
        candidates.put(pack, present.get(pack));
      }
      fullRead = new ArrayList<>(subset.select(candidates, rnd));
      toRead.removeAll(new HashSet<>(fullRead));
    }
    forEachParallel(toRead, this::checkHeader);
  }

  private void checkHeader(Id pack) {
    long size = present.get(pack);
    Handle h = new Handle(FileType.PACK, pack.hex());
    try {
      int tailLen = (int) Math.min(size, PackHeader.EAGER_TAIL);
      byte[] tail = backend.load(h, size - tailLen, tailLen);
      int hlen = PackReader.headerLength(pack, tail, size);
      if (hlen + 4 > tail.length) {
        tail = backend.load(h, size - hlen - 4, hlen + 4);
      }
      List<PackedBlob> header =
          PackReader.parse(pack, tail, size, repo.key(), repo.config().version());
      compare(pack, header, indexed.get(pack));
    } catch (IOException | RuntimeException e) {
      report(Problem.error("pack " + pack.hex() + ": unable to read the header: " + message(e)));
    }
  }

  /** Reports every index entry that the header lacks or describes differently, and vice versa. */
  private void compare(Id pack, List<PackedBlob> header, List<PackedBlob> index) {
    Map<BlobHandle, PackedBlob> inHeader = new LinkedHashMap<>();
    for (PackedBlob b : header) {
      inHeader.put(b.handle(), b);
    }
    Set<BlobHandle> seen = new HashSet<>();
    for (PackedBlob want : index) {
      seen.add(want.handle());
      PackedBlob got = inHeader.get(want.handle());
      String blob = "pack " + pack.hex() + ": blob " + want.id().hex() + " (" + want.type().json()
          + ")";
      if (got == null) {
        report(Problem.error(blob + ": listed in the index but not in the pack header"));
      } else if (got.offset() != want.offset() || got.length() != want.length()
          || got.uncompressedLength() != want.uncompressedLength()) {
        report(Problem.error(blob + ": the index says offset " + want.offset() + " length "
            + want.length() + " uncompressed " + want.uncompressedLength()
            + ", the pack header says offset " + got.offset() + " length " + got.length()
            + " uncompressed " + got.uncompressedLength()));
      }
    }
    for (PackedBlob got : header) {
      if (!seen.contains(got.handle())) {
        report(Problem.error("pack " + pack.hex() + ": blob " + got.id().hex() + " ("
            + got.type().json() + "): in the pack header but not in the index"));
      }
    }
  }

  /**
   * Walks the trees of every snapshot: every tree must be in the index and load (MAC, hash,
   * JSON), and every data blob of a file must be in the index.
   */
  public void checkStructure() throws IOException {
    MasterIndex index = repo.index();
    Set<Id> doneTrees = new HashSet<>();
    Set<Id> missingData = new HashSet<>();
    for (Id snapId : repo.list(FileType.SNAPSHOT)) {
      Snapshot sn;
      try {
        sn = Snapshot.decode(repo.loadUnpacked(FileType.SNAPSHOT, snapId));
      } catch (IOException | RuntimeException e) {
        report(Problem.error("snapshot " + snapId.hex() + ": unable to load: " + message(e)));
        continue;
      }
      if (sn.tree() == null) {
        report(Problem.error("snapshot " + snapId.hex() + ": has no tree"));
        continue;
      }
      String where = "snapshot " + snapId.hex();
      Deque<Id> todo = new ArrayDeque<>();
      todo.push(sn.tree());
      while (!todo.isEmpty()) {
        Id treeId = todo.pop();
        if (!doneTrees.add(treeId)) {
          continue;
        }
        String at = where + ": tree " + treeId.hex();
        if (!index.has(new BlobHandle(treeId, BlobType.TREE))) {
          report(Problem.error(at + ": not in the index"));
          continue;
        }
        Tree tree;
        try {
          tree = Tree.decode(repo.loadBlob(BlobType.TREE, treeId));
        } catch (IOException | RuntimeException e) {
          report(Problem.error(at + ": unable to load: " + message(e)));
          continue;
        }
        for (Node n : tree.nodes()) {
          if (n.type() == NodeType.FILE) {
            List<Id> content = n.content() == null ? List.of() : n.content();
            for (Id blob : content) {
              if (!index.has(new BlobHandle(blob, BlobType.DATA)) && missingData.add(blob)) {
                report(Problem.error(at + ": file \"" + n.displayName() + "\": blob " + blob.hex()
                    + " (data) not in the index"));
              }
            }
          } else if (n.type() == NodeType.DIR) {
            if (n.subtree() == null) {
              report(Problem.error(at + ": dir \"" + n.displayName() + "\" has no subtree"));
            } else {
              todo.push(n.subtree());
            }
          }
        }
      }
    }
  }

  /**
   * Reads the packs chosen by {@link #readDataLater} whole: the file's SHA-256 must be its name,
   * its header must match the index, and every blob the index lists in it must open (MAC, zstd,
   * plaintext hash).
   *
   * @return how many packs were read
   */
  public int readData() throws IOException {
    forEachParallel(fullRead, this::readPack);
    return fullRead.size();
  }

  private void readPack(Id pack) {
    long size = present.get(pack);
    if (size > Integer.MAX_VALUE - (1 << 20)) {
      report(Problem.error("pack " + pack.hex() + ": " + size + " bytes is too large to read"));
      return;
    }
    int len = (int) size;
    // one buffer per thread, streamed into: no 17 MiB allocation and copy per pack
    byte[] data = packBuffer.get();
    if (data.length < len) {
      data = new byte[len + (1 << 20)];
      packBuffer.set(data);
    }
    try {
      backend.load(new Handle(FileType.PACK, pack.hex()), 0, data, 0, len);
    } catch (IOException | RuntimeException e) {
      report(Problem.error("pack " + pack.hex() + ": unable to read: " + message(e)));
      return;
    }
    Id actual = Id.hash(data, 0, len);
    if (!actual.equals(pack)) {
      report(Problem.error("pack " + pack.hex() + ": content does not match its name (SHA-256 is "
          + actual.hex() + ")"));
    }
    try {
      long hlen = len < 4 ? 0 : Integer.toUnsignedLong((data[len - 4] & 0xff)
          | (data[len - 3] & 0xff) << 8 | (data[len - 2] & 0xff) << 16 | (data[len - 1] & 0xff) << 24);
      int from = (int) Math.max(0, len - Math.min(len, hlen + 4));
      byte[] tail = Arrays.copyOfRange(data, from, len);
      compare(pack, PackReader.parse(pack, tail, len, repo.key(), repo.config().version()),
          indexed.get(pack));
    } catch (RuntimeException e) {
      report(Problem.error("pack " + pack.hex() + ": unable to read the header: " + message(e)));
    }
    List<PackedBlob> blobs = new ArrayList<>(indexed.get(pack));
    blobs.sort(Comparator.comparingLong(PackedBlob::offset));
    for (PackedBlob b : blobs) {
      String at = "pack " + pack.hex() + ": blob " + b.id().hex() + " (" + b.type().json() + ")";
      if (b.offset() < 0 || b.offset() + Integer.toUnsignedLong(b.length()) > len) {
        report(Problem.error(at + ": extends past the end of the pack (" + len + " bytes)"));
        continue;
      }
      try {
        repo.codec().openTransient(b, data, (int) b.offset());
      } catch (RuntimeException e) {
        report(Problem.error(at + ": " + message(e)));
      }
    }
  }

  private void forEachParallel(List<Id> packs, Consumer<Id> fn) throws IOException {
    ExecutorService pool = pool();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Id pack : packs) {
        futures.add(pool.submit(() -> fn.accept(pack)));
      }
      await(futures);
    } finally {
      pool.shutdownNow();
    }
  }

  private ExecutorService pool() {
    return Executors.newFixedThreadPool(Math.max(1, backend.connections()), r -> {
      Thread t = new Thread(r, "cairn-check");
      t.setDaemon(true);
      return t;
    });
  }

  private static void await(List<Future<?>> futures) throws IOException {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("check interrupted");
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        if (c instanceof Error err) {
          throw err;
        }
        throw new IOException(c);
      }
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
