package dev.cairn.chunker;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Throwaway throughput probe (not a test): chunks 256 MiB of SplitMix64 data from memory, or
 * the file named by the first argument, and prints MB/s. Run with {@code java -cp
 * target/classes:target/test-classes dev.cairn.chunker.ChunkerBenchmark [file]}; {@code
 * -Drounds=N} sets the number of rounds.
 */
final class ChunkerBenchmark {

  private ChunkerBenchmark() {}

  public static void main(String[] args) throws IOException {
    byte[] data = SplitMix64.bytes(0, 256 << 20);
    Chunker c = new Chunker(Polynomial.parse("3da3358b4dc173"));
    byte[] dst = new byte[Chunker.MAX_SIZE];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < Integer.getInteger("rounds", 8); round++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      InputStream in =
          args.length > 0 ? new FileInputStream(args[0]) : new ByteArrayInputStream(data);
      c.reset(in);
      long total = 0;
      int chunks = 0;
      int n;
      while ((n = c.next(dst)) >= 0) {
        total += n;
        chunks++;
      }
      in.close();
      double s = (System.nanoTime() - t0) / 1e9;
      double cs = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
      System.out.printf("round %d: %d chunks, %.0f MB/s wall, %.0f MB/s per CPU-second%n",
          round, chunks, total / s / 1e6, total / cs / 1e6);
    }
  }
}
