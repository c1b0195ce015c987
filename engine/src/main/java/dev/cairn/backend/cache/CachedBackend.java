package dev.cairn.backend.cache;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FilterBackend;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Serves index files, snapshot files and "metadata" packs (those holding tree blobs) from a
 * local {@link Cache}, so that they are downloaded from the store once (restic's cache
 * backend). Everything else, and everything until a cache is bound with {@link #useCache}, goes
 * straight to the inner backend; config, key and lock files are never cached.
 *
 * <ul>
 *   <li>{@link #load}: a cached file is served from disk, whole or a range; a missing or damaged
 *       one is fetched <em>whole</em> from the inner backend (also for a ranged load of a pack),
 *       stored, then served. Concurrent loads of one file fetch it once.
 *   <li>{@link #save} writes to the inner backend, then puts index and snapshot files, and packs
 *       that {@link #cacheablePacks} accepts, into the cache.
 *   <li>{@link #remove} removes from both; {@link #list} lists the inner backend and drops the
 *       cache entries of that kind whose names it no longer lists.
 * </ul>
 *
 * <p>The cache is best effort: failing to write or read it never fails a call, the file is then
 * loaded from the inner backend. Thread-safe; the {@link Backend} contract holds unchanged.
 */
public final class CachedBackend extends FilterBackend {
  private final ConcurrentHashMap<Handle, CompletableFuture<Void>> fetching =
      new ConcurrentHashMap<>();
  private volatile Cache cache;
  private volatile Predicate<String> cacheablePacks = name -> false;

  /** A decorator that passes every call through until {@link #useCache} binds a cache. */
  public CachedBackend(Backend inner) {
    super(inner);
  }

  /** A decorator using {@code cache} from the start. */
  public CachedBackend(Backend inner, Cache cache) {
    this(inner);
    this.cache = cache;
  }

  /**
   * Starts using {@code cache}. The cache belongs to one repository, whose id is only known once
   * its config has been read (through this backend, uncached); bind it then.
   */
  public void useCache(Cache cache) {
    this.cache = cache;
  }

  /** The bound cache, or null. */
  public Cache cache() {
    return cache;
  }

  /**
   * Which packs to cache, by name: those holding tree blobs, which the caller knows from the
   * index and from the packs its uploaders save; tested when a pack is saved or loaded. Until
   * this is called no pack is cached.
   */
  public void cacheablePacks(Predicate<String> packs) {
    this.cacheablePacks = packs;
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    inner.save(h, data, off, len);
    Cache c = cache;
    if (c != null && caches(h)) {
      store(c, h, data, off, len);
    }
  }

  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    inner.save(h, src, len);
    Cache c = cache;
    if (c != null && caches(h) && len <= Integer.MAX_VALUE - 8) {
      byte[] data = new byte[(int) len]; // only packs of tree blobs are cached: small
      Backend.readFully(src, data);
      store(c, h, data, 0, data.length);
    }
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    Cache c = cache;
    if (c == null || !caches(h)) {
      return inner.load(h, offset, length);
    }
    byte[] hit = cached(c, h, offset, length);
    return hit != null ? hit : fetch(c, h, offset, length);
  }

  @Override
  public void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    Cache c = cache;
    if (c == null || !caches(h)) {
      inner.load(h, offset, dst, dstOff, length);
      return;
    }
    byte[] b = load(h, offset, length);
    System.arraycopy(b, 0, dst, dstOff, length);
  }

  @Override
  public long stat(Handle h) throws IOException {
    return inner.stat(h);
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    Cache c = cache;
    if (c == null || !Cache.holds(type)) {
      inner.list(type, fn);
      return;
    }
    Set<String> listed = ConcurrentHashMap.newKeySet();
    inner.list(type, fi -> {
      listed.add(fi.name());
      fn.accept(fi);
    });
    try {
      for (String name : c.list(type)) {
        if (!listed.contains(name)) {
          c.remove(new Handle(type, name));
        }
      }
    } catch (IOException e) {
      // stale entries stay until the next list; they are never wrong, only unused
    }
  }

  @Override
  public void remove(Handle h) throws IOException {
    try {
      inner.remove(h);
    } finally {
      uncache(h);
    }
  }

  @Override
  public void removeIfPresent(Handle h) throws IOException {
    try {
      inner.removeIfPresent(h);
    } finally {
      uncache(h);
    }
  }

  private void uncache(Handle h) {
    Cache c = cache;
    if (c != null && Cache.holds(h.type()) && Id.isValid(h.name())) {
      try {
        c.remove(h);
      } catch (IOException e) {
        // dropped by the next list
      }
    }
  }

  @Override
  public String toString() {
    return "cached(" + inner + ")";
  }

  private boolean caches(Handle h) {
    if (!Id.isValid(h.name())) {
      return false;
    }
    return switch (h.type()) {
      case INDEX, SNAPSHOT -> true;
      case PACK -> cacheablePacks.test(h.name());
      default -> false;
    };
  }

  /** The range from the cache, or null when it is not there or unreadable. */
  private static byte[] cached(Cache c, Handle h, long offset, int length) throws EOFException {
    try {
      return c.load(h, offset, length);
    } catch (EOFException e) {
      throw e;
    } catch (IOException e) {
      return null;
    }
  }

  private static void store(Cache c, Handle h, byte[] data, int off, int len) {
    try {
      c.save(h, data, off, len);
    } catch (IOException e) {
      // not cached: loaded from the store next time
    }
  }

  /** Downloads the whole file once (other threads wait for it), caches it, serves the range. */
  private byte[] fetch(Cache c, Handle h, long offset, int length) throws IOException {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> other = fetching.putIfAbsent(h, mine);
    if (other != null) {
      await(other, h);
      byte[] hit = cached(c, h, offset, length);
      return hit != null ? hit : inner.load(h, offset, length);
    }
    try {
      // another thread may have finished fetching between our miss and putIfAbsent
      byte[] hit = cached(c, h, offset, length);
      if (hit != null) {
        return hit;
      }
      byte[] whole = inner.load(h);
      store(c, h, whole, 0, whole.length);
      return Cache.slice(h, whole, offset, length);
    } finally {
      fetching.remove(h, mine);
      mine.complete(null);
    }
  }

  private static void await(CompletableFuture<Void> f, Handle h) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the download of " + h);
    } catch (ExecutionException e) {
      throw new IOException("download of " + h + " failed", e.getCause());
    }
  }
}
