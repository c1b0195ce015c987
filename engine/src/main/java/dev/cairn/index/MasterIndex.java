package dev.cairn.index;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * All known blobs of a repository: which pack holds each, where and how long. A blob may be in
 * several packs (duplicates); {@link #lookup} returns the first one added. Adding a copy that is
 * already known (same pack and offset, as when two index files list the same pack) changes
 * nothing.
 *
 * <p>Entries live in parallel primitive arrays (id as four longs, pack number, offset, lengths,
 * type) with an open-addressing hash table of entry numbers: about 60 bytes per blob, so ten
 * million blobs fit in well under a gigabyte. Safe for concurrent readers and writers.
 */
public final class MasterIndex {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Id> packIds = new ArrayList<>();
  private final Map<Id, Integer> packNumbers = new HashMap<>();
  private long[] ids = new long[4 * 1024];
  private int[] pack = new int[1024];
  private int[] offset = new int[1024];
  private int[] length = new int[1024];
  private int[] ulen = new int[1024];
  private byte[] type = new byte[1024];
  private int size;
  private int[] table = new int[2048];

  /** Adds every blob of an index file. */
  public void addAll(IndexFile file) {
    lock.writeLock().lock();
    try {
      for (List<PackedBlob> blobs : file.packs().values()) {
        for (PackedBlob b : blobs) {
          addLocked(b);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Adds the blobs of one pack. */
  public void addPack(List<PackedBlob> blobs) {
    lock.writeLock().lock();
    try {
      for (PackedBlob b : blobs) {
        addLocked(b);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The first stored copy of a blob, or null when the index does not know it. */
  public PackedBlob lookup(BlobHandle h) {
    lock.readLock().lock();
    try {
      int e = find(h);
      return e < 0 ? null : entry(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every stored copy of a blob, in the order they were added. */
  public List<PackedBlob> lookupAll(BlobHandle h) {
    lock.readLock().lock();
    try {
      List<PackedBlob> out = new ArrayList<>(1);
      long w0 = word(h.id(), 0);
      int mask = table.length - 1;
      for (int slot = slot(w0, h.type()); table[slot] != 0; slot = (slot + 1) & mask) {
        int e = table[slot] - 1;
        if (matches(e, h)) {
          out.add(entry(e));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  public boolean has(BlobHandle h) {
    lock.readLock().lock();
    try {
      return find(h) >= 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of entries (a duplicated blob counts once per copy). */
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Calls {@code fn} for every entry, in the order added. */
  public void forEach(Consumer<PackedBlob> fn) {
    lock.readLock().lock();
    try {
      for (int e = 0; e < size; e++) {
        fn.accept(entry(e));
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Calls {@code fn} once per pack with all of its indexed blobs, in the order added; packs in
   * the order first seen.
   */
  public void forEachPack(Consumer<List<PackedBlob>> fn) {
    lock.readLock().lock();
    try {
      int packs = packIds.size();
      int[] start = new int[packs + 1];
      for (int e = 0; e < size; e++) {
        start[pack[e] + 1]++;
      }
      for (int p = 0; p < packs; p++) {
        start[p + 1] += start[p];
      }
      int[] fill = Arrays.copyOf(start, packs);
      int[] order = new int[size];
      for (int e = 0; e < size; e++) {
        order[fill[pack[e]]++] = e;
      }
      for (int p = 0; p < packs; p++) {
        List<PackedBlob> blobs = new ArrayList<>(start[p + 1] - start[p]);
        for (int i = start[p]; i < start[p + 1]; i++) {
          blobs.add(entry(order[i]));
        }
        if (!blobs.isEmpty()) {
          fn.accept(blobs);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Ids of all packs that hold at least one indexed blob. */
  public List<Id> packs() {
    lock.readLock().lock();
    try {
      return List.copyOf(packIds);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Ids of the packs that hold at least one tree blob ("metadata" packs, which restic caches). */
  public Set<Id> packsWithTrees() {
    lock.readLock().lock();
    try {
      Set<Id> out = new HashSet<>();
      byte tree = (byte) BlobType.TREE.ordinal();
      for (int e = 0; e < size; e++) {
        if (type[e] == tree) {
          out.add(packIds.get(pack[e]));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private void addLocked(PackedBlob b) {
    Integer pn = packNumbers.get(b.pack());
    if (pn != null && isKnown(b, pn)) {
      return;
    }
    if (size == pack.length) {
      grow();
    }
    if (pn == null) {
      pn = packIds.size();
      packIds.add(b.pack());
      packNumbers.put(b.pack(), pn);
    }
    int e = size++;
    for (int i = 0; i < 4; i++) {
      ids[4 * e + i] = word(b.id(), i);
    }
    pack[e] = pn;
    offset[e] = (int) b.offset();
    length[e] = b.length();
    ulen[e] = b.uncompressedLength();
    type[e] = (byte) b.type().ordinal();
    if (2 * size > table.length) {
      rehash(table.length * 2);
    } else {
      insert(e);
    }
  }

  /** Whether this exact copy (same pack and offset) is already indexed. */
  private boolean isKnown(PackedBlob b, int pn) {
    int mask = table.length - 1;
    for (int slot = slot(word(b.id(), 0), b.type()); table[slot] != 0; slot = (slot + 1) & mask) {
      int e = table[slot] - 1;
      if (pack[e] == pn && offset[e] == (int) b.offset() && matches(e, b.handle())) {
        return true;
      }
    }
    return false;
  }

  private int find(BlobHandle h) {
    int mask = table.length - 1;
    for (int slot = slot(word(h.id(), 0), h.type()); table[slot] != 0; slot = (slot + 1) & mask) {
      int e = table[slot] - 1;
      if (matches(e, h)) {
        return e;
      }
    }
    return -1;
  }

  private boolean matches(int e, BlobHandle h) {
    return type[e] == h.type().ordinal()
        && ids[4 * e] == word(h.id(), 0)
        && ids[4 * e + 1] == word(h.id(), 1)
        && ids[4 * e + 2] == word(h.id(), 2)
        && ids[4 * e + 3] == word(h.id(), 3);
  }

  private PackedBlob entry(int e) {
    byte[] b = new byte[Id.SIZE];
    for (int i = 0; i < 4; i++) {
      long w = ids[4 * e + i];
      for (int j = 0; j < 8; j++) {
        b[8 * i + j] = (byte) (w >>> (56 - 8 * j));
      }
    }
    BlobType t = BlobType.values()[type[e]];
    return new PackedBlob(
        new BlobHandle(Id.of(b), t),
        packIds.get(pack[e]),
        Integer.toUnsignedLong(offset[e]),
        length[e],
        ulen[e]);
  }

  private void insert(int e) {
    int mask = table.length - 1;
    int slot = slot(ids[4 * e], BlobType.values()[type[e]]);
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = e + 1;
  }

  private void rehash(int capacity) {
    table = new int[capacity];
    for (int e = 0; e < size; e++) {
      insert(e);
    }
  }

  private void grow() {
    int n = pack.length + (pack.length >> 1);
    ids = Arrays.copyOf(ids, 4 * n);
    pack = Arrays.copyOf(pack, n);
    offset = Arrays.copyOf(offset, n);
    length = Arrays.copyOf(length, n);
    ulen = Arrays.copyOf(ulen, n);
    type = Arrays.copyOf(type, n);
  }

  private int slot(long w0, BlobType t) {
    long h = (w0 ^ t.ordinal()) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & (table.length - 1);
  }

  private static long word(Id id, int i) {
    long w = 0;
    for (int j = 0; j < 8; j++) {
      w = (w << 8) | (id.byteAt(8 * i + j) & 0xff);
    }
    return w;
  }
}
