package dev.cairn.bench;

import dev.cairn.index.MasterIndex;
import dev.cairn.pack.PackedBlob;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MasterIndex} lookups at 1M entries ({@link SyntheticBlobs}): {@code lookup} (builds the
 * {@link PackedBlob}) and {@code has} (the dedup check of every chunk a backup reads), for
 * stored blobs (hits) and absent ones (misses). Queries come from a {@link QueryPool} of 1M ids
 * walked in order, so each lookup touches a random place of the index as in a real backup; the
 * Cairn figures include making the query's {@code Id} and {@code BlobHandle} (about 10 ns).
 *
 * <p>The limit, {@link #idealProbe}, is the least any hash index of this size does for the same
 * queries: make the query, one random read of a slot table of four slots per entry and one
 * dependent random read of a 48-byte entry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms2g", "-Xmx2g"})
public class IndexBench {
  static final int BATCH = 1024;
  static final int POOL = 1 << 20;

  @Param({"1000000"})
  public int entries;

  private MasterIndex index;
  private QueryPool hits;
  private QueryPool misses;
  private int cursor;
  private int[] slots;
  private long[] keys;

  @Setup
  public void setUp() {
    SyntheticBlobs blobs = new SyntheticBlobs(42);
    index = new MasterIndex();
    blobs.forEachPack(entries, index::addPack);
    hits = QueryPool.hits(blobs, entries, POOL, 43);
    misses = QueryPool.misses(blobs, POOL, 44);
    SplittableRandom r = new SplittableRandom(45);
    slots = new int[Integer.highestOneBit(entries) << 2];
    keys = new long[6 * entries];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = r.nextInt(entries);
    }
    for (int i = 0; i < keys.length; i++) {
      keys[i] = r.nextLong();
    }
  }

  /** Cairn: {@code lookup} of stored blobs. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long lookupHit() {
    long s = 0;
    for (int k = 0; k < BATCH; k++) {
      PackedBlob b = index.lookup(hits.handle(next()));
      s += b.offset();
    }
    return s;
  }

  /** Cairn: {@code lookup} of absent blobs. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long lookupMiss() {
    long s = 0;
    for (int k = 0; k < BATCH; k++) {
      s += index.lookup(misses.handle(next())) == null ? 1 : 0;
    }
    return s;
  }

  /** Cairn: {@code has} of stored blobs. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long hasHit() {
    long s = 0;
    for (int k = 0; k < BATCH; k++) {
      s += index.has(hits.handle(next())) ? 1 : 0;
    }
    return s;
  }

  /** Cairn: {@code has} of absent blobs (a backup's new chunks). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long hasMiss() {
    long s = 0;
    for (int k = 0; k < BATCH; k++) {
      s += index.has(misses.handle(next())) ? 1 : 0;
    }
    return s;
  }

  /**
   * Limit: the query made as for the Cairn benchmarks, then a slot read and a dependent entry
   * read at random places of index-sized arrays.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long idealProbe() {
    long s = 0;
    int mask = slots.length - 1;
    for (int k = 0; k < BATCH; k++) {
      int q = hits.handle(next()).id().hashCode();
      int e = slots[(q * 0x9E3779B9) >>> 8 & mask];
      s += keys[6 * e] == q ? 1 : 0;
    }
    return s;
  }

  private int next() {
    cursor = (cursor + 1) & (POOL - 1);
    return cursor;
  }
}
