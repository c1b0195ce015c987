package dev.cairn.index;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * All known blobs of a repository: which pack holds each, where and how long. A blob may be in
 * several packs (duplicates); {@link #lookup} returns the first one added. Adding a copy that is
 * already known (same pack and offset, as when two index files list the same pack) changes
 * nothing.
 *
 * <p>Each entry is six longs in pages of {@value #PAGE} entries (the id as four words, then pack
 * number, type and offset, then length and uncompressed length), so one lookup touches one or
 * two cache lines and growing never copies entries; an open-addressing table of entry numbers,
 * at most half full, finds them. About 60 bytes per blob: ten million blobs take about 600 MB.
 *
 * <p>Safe for concurrent use. Writers take turns on a lock; readers take no lock: a writer fills
 * an entry before it publishes the entry's table slot with release semantics, and every array
 * it replaces is published in a new {@link State} first, so a reader that sees a slot also sees
 * the entry and the arrays it needs. A lookup that runs while blobs are added may or may not see
 * them; one that starts after {@link #addPack} or {@link #addAll} returned sees them.
 */
public final class MasterIndex {
  private static final int PAGE_BITS = 12;
  private static final int PAGE = 1 << PAGE_BITS;
  private static final int WORDS = 6;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);
  private static final BlobType[] TYPES = BlobType.values();

  /**
   * What readers see: the slot table (entry number + 1, 0 for empty), the entry pages, the pack
   * ids by number, and how many entries and packs are complete.
   */
  private record State(int[] slots, long[][] pages, Id[] packs, int size, int packCount) {}

  private final Object writeLock = new Object();
  private final Map<Id, Integer> packNumbers = new HashMap<>();
  private volatile State state = new State(new int[2048], new long[16][], new Id[64], 0, 0);

  /** Adds every blob of an index file. */
  public void addAll(IndexFile file) {
    synchronized (writeLock) {
      for (List<PackedBlob> blobs : file.packs().values()) {
        addLocked(blobs);
      }
    }
  }

  /** Adds the blobs of one pack. */
  public void addPack(List<PackedBlob> blobs) {
    synchronized (writeLock) {
      addLocked(blobs);
    }
  }

  /** The first stored copy of a blob, or null when the index does not know it. */
  public PackedBlob lookup(BlobHandle h) {
    int[] slots = state.slots();
    long w0 = word(h.id(), 0);
    int mask = slots.length - 1;
    for (int i = slot(w0, h.type(), mask); ; i = (i + 1) & mask) {
      int v = (int) SLOT.getAcquire(slots, i);
      if (v == 0) {
        return null;
      }
      if (matches(v - 1, w0, h)) {
        return placed(h, v - 1);
      }
    }
  }

  /** Every stored copy of a blob, in the order they were added. */
  public List<PackedBlob> lookupAll(BlobHandle h) {
    List<PackedBlob> out = new ArrayList<>(1);
    int[] slots = state.slots();
    long w0 = word(h.id(), 0);
    int mask = slots.length - 1;
    for (int i = slot(w0, h.type(), mask); ; i = (i + 1) & mask) {
      int v = (int) SLOT.getAcquire(slots, i);
      if (v == 0) {
        return out;
      }
      if (matches(v - 1, w0, h)) {
        out.add(placed(h, v - 1));
      }
    }
  }

  public boolean has(BlobHandle h) {
    int[] slots = state.slots();
    long w0 = word(h.id(), 0);
    int mask = slots.length - 1;
    for (int i = slot(w0, h.type(), mask); ; i = (i + 1) & mask) {
      int v = (int) SLOT.getAcquire(slots, i);
      if (v == 0) {
        return false;
      }
      if (matches(v - 1, w0, h)) {
        return true;
      }
    }
  }

  /** Number of entries (a duplicated blob counts once per copy). */
  public int size() {
    return state.size();
  }

  /** Calls {@code fn} for every entry, in the order added. */
  public void forEach(Consumer<PackedBlob> fn) {
    State s = state;
    for (int e = 0; e < s.size(); e++) {
      fn.accept(entry(s, e));
    }
  }

  /**
   * Calls {@code fn} once per pack with all of its indexed blobs, in the order added; packs in
   * the order first seen.
   */
  public void forEachPack(Consumer<List<PackedBlob>> fn) {
    State s = state;
    int[] start = new int[s.packCount() + 1];
    for (int e = 0; e < s.size(); e++) {
      start[packOf(s, e) + 1]++;
    }
    for (int p = 0; p < s.packCount(); p++) {
      start[p + 1] += start[p];
    }
    int[] fill = Arrays.copyOf(start, s.packCount());
    int[] order = new int[s.size()];
    for (int e = 0; e < s.size(); e++) {
      order[fill[packOf(s, e)]++] = e;
    }
    for (int p = 0; p < s.packCount(); p++) {
      List<PackedBlob> blobs = new ArrayList<>(start[p + 1] - start[p]);
      for (int i = start[p]; i < start[p + 1]; i++) {
        blobs.add(entry(s, order[i]));
      }
      if (!blobs.isEmpty()) {
        fn.accept(blobs);
      }
    }
  }

  /** Ids of all packs that hold at least one indexed blob, in the order first seen. */
  public List<Id> packs() {
    State s = state;
    return List.of(Arrays.copyOf(s.packs(), s.packCount()));
  }

  /** Ids of the packs that hold at least one tree blob ("metadata" packs, which restic caches). */
  public Set<Id> packsWithTrees() {
    State s = state;
    Set<Id> out = new HashSet<>();
    for (int e = 0; e < s.size(); e++) {
      long meta = s.pages()[e >>> PAGE_BITS][(e & (PAGE - 1)) * WORDS + 4];
      if (((meta >>> 32) & 3) == BlobType.TREE.ordinal()) {
        out.add(s.packs()[(int) (meta >>> 34)]);
      }
    }
    return out;
  }

  /** Appends the entries, publishing each slot as it goes and the new size at the end. */
  private void addLocked(List<PackedBlob> blobs) {
    State s = state;
    int size = s.size();
    int packCount = s.packCount();
    for (PackedBlob b : blobs) {
      if (2 * (size + 1) > s.slots().length) {
        s = publish(new State(rehash(s, size), s.pages(), s.packs(), s.size(), packCount));
      }
      Integer pn = packNumbers.get(b.pack());
      if (pn != null && isKnown(s, b, pn)) {
        continue;
      }
      if (pn == null) {
        if (packCount == s.packs().length) {
          Id[] packs = Arrays.copyOf(s.packs(), 2 * packCount);
          s = publish(new State(s.slots(), s.pages(), packs, s.size(), s.packCount()));
        }
        pn = packCount++;
        s.packs()[pn] = b.pack();
        packNumbers.put(b.pack(), pn);
      }
      int page = size >>> PAGE_BITS;
      if (page == s.pages().length) {
        long[][] pages = Arrays.copyOf(s.pages(), 2 * page);
        s = publish(new State(s.slots(), pages, s.packs(), s.size(), s.packCount()));
      }
      if (s.pages()[page] == null) {
        s.pages()[page] = new long[PAGE * WORDS];
      }
      write(s.pages()[page], (size & (PAGE - 1)) * WORDS, b, pn);
      insert(s.slots(), size, word(b.id(), 0), b.type(), true);
      size++;
    }
    publish(new State(s.slots(), s.pages(), s.packs(), size, packCount));
  }

  private State publish(State s) {
    state = s;
    return s;
  }

  private static void write(long[] page, int at, PackedBlob b, int pack) {
    for (int w = 0; w < 4; w++) {
      page[at + w] = word(b.id(), w);
    }
    // offsets and lengths are unsigned 32-bit, as in the pack header (design.rst: Pack Format)
    page[at + 4] = (long) pack << 34 | (long) b.type().ordinal() << 32 | (b.offset() & 0xffffffffL);
    page[at + 5] = (long) b.length() << 32 | (b.uncompressedLength() & 0xffffffffL);
  }

  /** A slot table twice as large holding entries 0 to {@code size - 1}, in entry order. */
  private static int[] rehash(State s, int size) {
    int[] slots = new int[2 * s.slots().length];
    for (int e = 0; e < size; e++) {
      long[] page = s.pages()[e >>> PAGE_BITS];
      int at = (e & (PAGE - 1)) * WORDS;
      insert(slots, e, page[at], TYPES[(int) (page[at + 4] >>> 32) & 3], false);
    }
    return slots;
  }

  /** Puts entry {@code e} in the first free slot from its home; a later copy lands further on. */
  private static void insert(int[] slots, int e, long w0, BlobType t, boolean release) {
    int mask = slots.length - 1;
    int i = slot(w0, t, mask);
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    if (release) {
      SLOT.setRelease(slots, i, e + 1);
    } else {
      slots[i] = e + 1;
    }
  }

  /**
   * Whether entry {@code e} is blob {@code h}. Reads the state again: it is at least as new as
   * the one that published the slot, so it has the entry's page.
   */
  private boolean matches(int e, long w0, BlobHandle h) {
    long[] page = state.pages()[e >>> PAGE_BITS];
    int at = (e & (PAGE - 1)) * WORDS;
    Id id = h.id();
    return page[at] == w0
        && ((page[at + 4] >>> 32) & 3) == h.type().ordinal()
        && page[at + 1] == word(id, 1)
        && page[at + 2] == word(id, 2)
        && page[at + 3] == word(id, 3);
  }

  /** Whether this exact copy (same pack and offset) is indexed; for the writer only. */
  private static boolean isKnown(State s, PackedBlob b, int pack) {
    long w0 = word(b.id(), 0);
    int[] slots = s.slots();
    int mask = slots.length - 1;
    for (int i = slot(w0, b.type(), mask); slots[i] != 0; i = (i + 1) & mask) {
      int e = slots[i] - 1;
      long[] page = s.pages()[e >>> PAGE_BITS];
      int at = (e & (PAGE - 1)) * WORDS;
      long where = (long) pack << 34 | (long) b.type().ordinal() << 32 | (b.offset() & 0xffffffffL);
      if (page[at + 4] == where && page[at] == w0 && page[at + 1] == word(b.id(), 1)
          && page[at + 2] == word(b.id(), 2) && page[at + 3] == word(b.id(), 3)) {
        return true;
      }
    }
    return false;
  }

  private static int packOf(State s, int e) {
    return (int) (s.pages()[e >>> PAGE_BITS][(e & (PAGE - 1)) * WORDS + 4] >>> 34);
  }

  /** Entry {@code e} of {@code s} as a PackedBlob, its id rebuilt from the words. */
  private static PackedBlob entry(State s, int e) {
    long[] page = s.pages()[e >>> PAGE_BITS];
    int at = (e & (PAGE - 1)) * WORDS;
    byte[] id = new byte[Id.SIZE];
    for (int w = 0; w < 4; w++) {
      for (int j = 0; j < 8; j++) {
        id[8 * w + j] = (byte) (page[at + w] >>> (56 - 8 * j));
      }
    }
    BlobType t = TYPES[(int) (page[at + 4] >>> 32) & 3];
    return placed(s, new BlobHandle(Id.of(id), t), page, at);
  }

  /** Entry {@code e}, known to be blob {@code h}, as a PackedBlob that reuses {@code h}. */
  private PackedBlob placed(BlobHandle h, int e) {
    State s = state;
    return placed(s, h, s.pages()[e >>> PAGE_BITS], (e & (PAGE - 1)) * WORDS);
  }

  private static PackedBlob placed(State s, BlobHandle h, long[] page, int at) {
    long where = page[at + 4];
    long len = page[at + 5];
    return new PackedBlob(
        h, s.packs()[(int) (where >>> 34)], where & 0xffffffffL, (int) (len >>> 32), (int) len);
  }

  private static int slot(long w0, BlobType t, int mask) {
    long h = (w0 ^ t.ordinal()) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & mask;
  }

  private static long word(Id id, int i) {
    long w = 0;
    for (int j = 0; j < 8; j++) {
      w = (w << 8) | (id.byteAt(8 * i + j) & 0xff);
    }
    return w;
  }
}
