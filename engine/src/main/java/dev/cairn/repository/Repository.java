package dev.cairn.repository;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobLoader;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.Key;
import dev.cairn.index.IndexFile;
import dev.cairn.index.MasterIndex;
import dev.cairn.pack.BlobCodec;
import dev.cairn.pack.Compression;
import dev.cairn.pack.PackedBlob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * An open restic repository: a backend, the master key, the config and the master index. Loads
 * blobs for the read-side operations ({@link BlobLoader}); {@link #newUploader} gives the write
 * side. Open one with {@link RepositoryOpener}.
 */
public final class Repository implements BlobLoader, AutoCloseable {
  private final Backend backend;
  private final Key key;
  private final Id keyId;
  private final Config config;
  private final BlobCodec codec;
  /** Replaced whole by each {@link #loadIndex}, so a reload forgets packs gone since. */
  private volatile MasterIndex index = new MasterIndex();
  private final TreeCache treeCache = new TreeCache(64L << 20);
  private final List<Consumer<MasterIndex>> indexLoaded = new CopyOnWriteArrayList<>();
  private final List<Consumer<Id>> treePackSaving = new CopyOnWriteArrayList<>();

  Repository(Backend backend, Key key, Id keyId, Config config, Compression compression) {
    this.backend = backend;
    this.key = key;
    this.keyId = keyId;
    this.config = config;
    this.codec = new BlobCodec(key, config.version() < 2 ? Compression.OFF : compression);
  }

  public Backend backend() {
    return backend;
  }

  public Config config() {
    return config;
  }

  public Key key() {
    return key;
  }

  /** The key file this repository was opened with. */
  public Id keyId() {
    return keyId;
  }

  public BlobCodec codec() {
    return codec;
  }

  public MasterIndex index() {
    return index;
  }

  /** A new uploader for a backup run; see {@link PackUploader}. */
  public PackUploader newUploader(int packSize) {
    return new PackUploader(this, packSize, true);
  }

  /**
   * A new uploader that stores blobs again even when the index has them (for repacking: the
   * old copies go away once the new packs are indexed).
   */
  public PackUploader newRepackUploader(int packSize) {
    return new PackUploader(this, packSize, false);
  }

  /**
   * Calls {@code fn} with the master index at the end of every {@link #loadIndex} (for example
   * to tell a cache which packs hold tree blobs).
   */
  public void onIndexLoaded(Consumer<MasterIndex> fn) {
    indexLoaded.add(fn);
  }

  /**
   * Calls {@code fn} with the id of every pack holding tree blobs that this process's uploaders
   * are about to save, before the backend is asked to store it (for example to have a cache keep
   * a copy of it, as restic does: the next backup reads those trees as its parent's).
   */
  public void onTreePackSaving(Consumer<Id> fn) {
    treePackSaving.add(fn);
  }

  /** Tells the {@link #onTreePackSaving} listeners that {@code pack} is about to be saved. */
  void treePackSaving(Id pack) {
    for (Consumer<Id> fn : treePackSaving) {
      fn.accept(pack);
    }
  }

  /**
   * Loads every index file into a new master index, several at a time, and makes it current:
   * loading again (after a prune in the same process, say) gives the repository as it is now.
   */
  public void loadIndex() throws IOException {
    List<Id> ids = list(FileType.INDEX);
    MasterIndex fresh = new MasterIndex();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, backend.connections()));
    try {
      List<Future<IndexFile>> futures = new ArrayList<>();
      for (Id id : ids) {
        futures.add(
            pool.submit(() -> IndexFile.decode(loadUnpacked(FileType.INDEX, id), "index/" + id)));
      }
      for (int i = 0; i < futures.size(); i++) {
        fresh.addAll(Futures.get(futures.get(i)));
        // drop the decoded file at once: kept to the end, all index files (about 200 bytes a
        // blob as objects) would be in memory together beside the master index
        futures.set(i, null);
      }
    } finally {
      pool.shutdownNow();
    }
    index = fresh;
    indexComplete();
  }

  /**
   * Tells the {@link #onIndexLoaded} listeners that the master index is complete; {@link
   * #loadIndex} does this, callers that fill the index themselves (check) call it.
   */
  public void indexComplete() {
    for (Consumer<MasterIndex> fn : indexLoaded) {
      fn.accept(index);
    }
  }

  /** Seals and stores a snapshot, index or lock file; returns its storage id. */
  public Id saveUnpacked(FileType type, byte[] json) throws IOException {
    byte[] sealed = key.seal(Unpacked.encode(json, config.version()));
    Id id = Id.hash(sealed);
    backend.save(new Handle(type, id.hex()), sealed, 0, sealed.length);
    return id;
  }

  /**
   * Loads, checks and opens a snapshot, index or lock file; returns its JSON.
   *
   * @throws IntegrityException naming the file when its hash, MAC or encoding is wrong
   */
  public byte[] loadUnpacked(FileType type, Id id) throws IOException {
    Handle h = new Handle(type, id.hex());
    byte[] sealed = backend.load(h);
    if (type != FileType.LOCK && !Id.hash(sealed).equals(id)) {
      throw new IntegrityException(h + ": content does not match its name (file is damaged)");
    }
    try {
      return Unpacked.decode(key.open(sealed), config.version(), h.toString());
    } catch (IntegrityException e) {
      throw new IntegrityException(h + ": " + e.getMessage(), e);
    }
  }

  /** Ids of all files of a kind. */
  public List<Id> list(FileType type) throws IOException {
    List<Id> out = new ArrayList<>();
    backend.list(type, (FileInfo fi) -> out.add(Id.parse(fi.name())));
    return out;
  }

  /**
   * The unique file of a kind whose name starts with {@code prefix}.
   *
   * @throws CairnException when none or several match
   */
  public Id resolve(FileType type, String prefix) throws IOException {
    if (Id.isValid(prefix)) {
      return Id.parse(prefix);
    }
    Id found = null;
    for (Id id : list(type)) {
      if (id.hex().startsWith(prefix)) {
        if (found != null) {
          throw new CairnException(
              "prefix " + prefix + " is ambiguous in " + type.dir() + ": " + found.shortHex()
                  + " and " + id.shortHex());
        }
        found = id;
      }
    }
    if (found == null || prefix.isEmpty()) {
      throw new CairnException("no matching ID found for prefix \"" + prefix + "\" in " + type.dir());
    }
    return found;
  }

  @Override
  public byte[] loadBlob(BlobType type, Id id) throws IOException {
    return loadBlob(type, id, true);
  }

  /**
   * This repository's blobs without keeping the trees it loads: for a walk that reads each tree
   * once (a restore), where the tree cache would only hold memory.
   */
  public BlobLoader treesOnce() {
    return (type, id) -> loadBlob(type, id, false);
  }

  private byte[] loadBlob(BlobType type, Id id, boolean cacheTrees) throws IOException {
    BlobHandle h = new BlobHandle(id, type);
    if (type == BlobType.TREE) {
      byte[] cached = treeCache.get(id);
      if (cached != null) {
        return cached;
      }
    }
    List<PackedBlob> copies = index.lookupAll(h);
    if (copies.isEmpty()) {
      throw new CairnException("unable to load blob " + id.hex() + " (" + type.json()
          + "): not in the index");
    }
    CairnException first = null;
    for (PackedBlob pb : copies) {
      try {
        byte[] raw = backend.load(new Handle(FileType.PACK, pb.pack().hex()), pb.offset(), pb.length());
        byte[] plain = codec.open(pb, raw, 0);
        if (type == BlobType.TREE && cacheTrees) {
          treeCache.put(id, plain);
        }
        return plain;
      } catch (IntegrityException e) {
        if (first == null) {
          first = e;
        }
      } catch (IOException e) {
        if (first == null) {
          first = new CairnException("unable to load blob " + id.hex() + " from pack "
              + pb.pack().hex() + ": " + e.getMessage(), e);
        }
      }
    }
    throw first;
  }

  @Override
  public void close() throws IOException {
    backend.close();
  }
}
