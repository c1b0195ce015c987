package dev.cairn.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's memory bandwidth on one core, the ceiling of any stage that touches every byte
 * once: copying, filling and reading 64 MiB, far more than the caches hold. Scores are MB/s of
 * buffer length (a copy reads and writes each byte).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class MemoryBench {
  static final int SIZE = 64 << 20;

  private byte[] src;
  private byte[] dst;
  private long[] words;

  @Setup
  public void setUp() {
    src = Payloads.incompressible(SIZE, 1);
    dst = new byte[SIZE];
    words = new long[SIZE / 8];
    Arrays.fill(words, 0x0123456789abcdefL);
  }

  /** System.arraycopy of 64 MiB. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public byte[] copy() {
    System.arraycopy(src, 0, dst, 0, SIZE);
    return dst;
  }

  /** Arrays.fill of 64 MiB (write bandwidth). */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public byte[] fill() {
    Arrays.fill(dst, (byte) 7);
    return dst;
  }

  /** Sum of 64 MiB of longs (read bandwidth). */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public long read() {
    long s = 0;
    for (long w : words) {
      s += w;
    }
    return s;
  }
}
