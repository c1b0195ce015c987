package dev.cairn.bench;

import dev.cairn.core.BlobHandle;
import dev.cairn.index.MasterIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Fills a {@link MasterIndex} with {@code N} synthetic blobs ({@link SyntheticBlobs}) and prints
 * one tab-separated line: blobs, packs, retained heap bytes per blob (used heap after a full GC,
 * minus before), peak RSS growth per blob (VmHWM during the fill minus VmRSS before it), fill
 * seconds, and nanoseconds per {@code lookup} and {@code has}, hits and misses. Run each size in
 * a fresh JVM ({@code bench/index-scale} does) with SerialGC, as {@code bin/cairn}, whose
 * {@code System.gc()} is a full collection.
 *
 * <p>Usage: {@code java -XX:+UseSerialGC -Xmx2g -cp benchmarks.jar dev.cairn.bench.IndexScale N}
 */
public final class IndexScale {
  private static final int QUERIES = 1 << 20;
  private static final int ROUNDS = 5;

  private IndexScale() {}

  public static void main(String[] args) throws IOException {
    long n = Long.parseLong(args[0].replace("_", ""));
    SyntheticBlobs blobs = new SyntheticBlobs(42);
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    fullGc();
    long heap0 = mem.getHeapMemoryUsage().getUsed();
    long rss0 = procStatus("VmRSS");
    long t0 = System.nanoTime();
    MasterIndex index = new MasterIndex();
    long[] packs = new long[1];
    blobs.forEachPack(n, p -> {
      index.addPack(p);
      packs[0]++;
    });
    double fillSeconds = (System.nanoTime() - t0) / 1e9;
    long peak = procStatus("VmHWM");
    fullGc();
    long heap1 = mem.getHeapMemoryUsage().getUsed();
    if (index.size() != n) {
      throw new IllegalStateException("index has " + index.size() + " entries, want " + n);
    }
    QueryPool hits = QueryPool.hits(blobs, n, QUERIES, 43);
    QueryPool misses = QueryPool.misses(blobs, QUERIES, 44);
    double lookupHit = nsPer(hits, h -> index.lookup(h) != null, true);
    double lookupMiss = nsPer(misses, h -> index.lookup(h) != null, false);
    double hasHit = nsPer(hits, index::has, true);
    double hasMiss = nsPer(misses, index::has, false);
    System.out.printf(Locale.ROOT, "%d\t%d\t%.1f\t%.1f\t%.2f\t%.1f\t%.1f\t%.1f\t%.1f%n",
        n, packs[0], (heap1 - heap0) / (double) n, (peak - rss0) / (double) n, fillSeconds,
        lookupHit, lookupMiss, hasHit, hasMiss);
  }

  /** Median over {@value #ROUNDS} passes (after one warm-up pass) of ns per query. */
  private static double nsPer(QueryPool queries, Predicate<BlobHandle> op, boolean expect) {
    double[] ns = new double[ROUNDS];
    for (int round = -1; round < ROUNDS; round++) {
      long t = System.nanoTime();
      for (int k = 0; k < queries.size(); k++) {
        if (op.test(queries.handle(k)) != expect) {
          throw new IllegalStateException("wrong answer for query " + k);
        }
      }
      if (round >= 0) {
        ns[round] = (System.nanoTime() - t) / (double) queries.size();
      }
    }
    Arrays.sort(ns);
    return ns[ROUNDS / 2];
  }

  private static void fullGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }

  /** A size line of /proc/self/status ("VmRSS:  1234 kB"), in bytes. */
  private static long procStatus(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no " + field + " in /proc/self/status");
  }
}
