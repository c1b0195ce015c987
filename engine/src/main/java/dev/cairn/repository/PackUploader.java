package dev.cairn.repository;

import dev.cairn.backend.Handle;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobSaver;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.index.IndexFile;
import dev.cairn.pack.PackSpool;
import dev.cairn.pack.SealedBlob;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The write side of a repository for one run: deduplicates blobs against the index and the
 * blobs in flight, seals them in the caller's thread, fills one pack per blob type (data and
 * tree never share a pack), and uploads full packs on background threads, at most
 * {@code connections} at once (callers block beyond that). Packs are assembled in unlinked
 * temporary files ({@link PackSpool}, in {@code $TMPDIR}), as restic does, so their size costs
 * no heap. After each
 * upload the pack's blobs enter the master index and the pending index file; index files are
 * written when they reach {@value #INDEX_FULL} blobs and by {@link #flush}.
 *
 * <p>Write order is restic's: a pack is stored before any index names it, so an interrupted run
 * leaves at most unreferenced packs.
 *
 * <p>A backup's uploader skips blobs the index already has; a repacking uploader (prune) saves
 * them again, skipping only blobs it saved itself.
 */
public final class PackUploader implements BlobSaver, AutoCloseable {
  static final int INDEX_FULL = 50_000;

  private final Repository repo;
  private final int packSize;
  private final boolean skipIndexed;
  private final Set<BlobHandle> pending = ConcurrentHashMap.newKeySet();
  private final PackSpool[] writers = new PackSpool[BlobType.values().length];
  private final Path spoolDir = spoolDir();
  private final ExecutorService uploads;
  private final Semaphore inFlight;
  private final int permits;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Object indexLock = new Object();
  private IndexFile unsaved = new IndexFile();
  private final List<Id> savedIndexes = new ArrayList<>();
  private final UploadStats stats = new UploadStats();

  PackUploader(Repository repo, int packSize, boolean skipIndexed) {
    this.repo = repo;
    this.packSize = packSize;
    this.skipIndexed = skipIndexed;
    this.permits = Math.max(1, repo.backend().connections());
    this.inFlight = new Semaphore(permits);
    this.uploads =
        Executors.newFixedThreadPool(
            permits,
            r -> {
              Thread t = new Thread(r, "cairn-pack-upload");
              t.setDaemon(true);
              return t;
            });
  }

  /** Counters of what this run added. */
  public UploadStats stats() {
    return stats;
  }

  @Override
  public boolean hasBlob(BlobType type, Id id) {
    BlobHandle h = new BlobHandle(id, type);
    return pending.contains(h) || (skipIndexed && repo.index().has(h));
  }

  @Override
  public int saveBlob(BlobType type, Id id, byte[] buf, int off, int len) throws IOException {
    rethrowFailure();
    BlobHandle h = new BlobHandle(id, type);
    if ((skipIndexed && repo.index().has(h)) || !pending.add(h)) {
      return -1;
    }
    SealedBlob sealed = repo.codec().seal(h, buf, off, len);
    stats.blobAdded(type, len, sealed.length());
    PackSpool full = null;
    synchronized (writers) {
      PackSpool w = writers[type.ordinal()];
      if (w == null) {
        w = PackSpool.create(repo.key(), spoolDir);
        writers[type.ordinal()] = w;
      }
      w.add(sealed);
      if (w.size() >= packSize) {
        full = w;
        writers[type.ordinal()] = null;
      }
    }
    if (full != null) {
      submit(full);
    }
    return sealed.length();
  }

  /**
   * Uploads the packs still open, waits for every upload, and writes the remaining index
   * entries. Call before saving a snapshot that refers to the blobs.
   *
   * @return ids of all index files this uploader wrote
   */
  public List<Id> flush() throws IOException {
    List<PackSpool> open = new ArrayList<>();
    synchronized (writers) {
      for (int i = 0; i < writers.length; i++) {
        if (writers[i] != null && !writers[i].isEmpty()) {
          open.add(writers[i]);
        } else if (writers[i] != null) {
          writers[i].close();
        }
        writers[i] = null;
      }
    }
    for (PackSpool w : open) {
      submit(w);
    }
    try {
      inFlight.acquire(permits);
      inFlight.release(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for pack uploads");
    }
    rethrowFailure();
    synchronized (indexLock) {
      if (unsaved.blobCount() > 0) {
        saveIndex();
      }
      return List.copyOf(savedIndexes);
    }
  }

  private void submit(PackSpool w) throws IOException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      w.close();
      throw new InterruptedIOException("interrupted while waiting to upload a pack");
    }
    uploads.execute(
        () -> {
          try (w) {
            if (failure.get() == null) {
              upload(w);
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            inFlight.release();
          }
        });
  }

  private void upload(PackSpool w) throws IOException {
    PackSpool.Finished p = w.finish();
    if (p.blobs().stream().anyMatch(b -> b.handle().type() == BlobType.TREE)) {
      repo.treePackSaving(p.id());
    }
    repo.backend().save(new Handle(FileType.PACK, p.id().hex()), w.channel(), p.length());
    stats.packUploaded(p.length());
    repo.index().addPack(p.blobs());
    for (var b : p.blobs()) {
      pending.remove(b.handle());
    }
    synchronized (indexLock) {
      unsaved.add(p.id(), p.blobs());
      if (unsaved.blobCount() >= INDEX_FULL) {
        saveIndex();
      }
    }
  }

  private void saveIndex() throws IOException {
    savedIndexes.add(repo.saveUnpacked(FileType.INDEX, unsaved.encode()));
    unsaved = new IndexFile();
  }

  private void rethrowFailure() throws IOException {
    Throwable t = failure.get();
    if (t == null) {
      return;
    }
    if (t instanceof IOException io) {
      throw new IOException("unable to save pack: " + io.getMessage(), io);
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    throw new CairnException("unable to save pack: " + t, t);
  }

  /** Stops the upload threads; packs not flushed are dropped (never half-written). */
  @Override
  public void close() {
    uploads.shutdownNow();
    synchronized (writers) {
      for (int i = 0; i < writers.length; i++) {
        if (writers[i] != null) {
          try {
            writers[i].close();
          } catch (IOException e) {
            // an unlinked temporary file: nothing is left behind either way
          }
          writers[i] = null;
        }
      }
    }
  }

  /** Where packs are spooled: {@code $TMPDIR} as for restic, else the JVM's temporary dir. */
  private static Path spoolDir() {
    String dir = System.getenv("TMPDIR");
    return Path.of(dir != null && !dir.isEmpty() ? dir : System.getProperty("java.io.tmpdir"));
  }
}
