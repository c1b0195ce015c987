package dev.cairn.bench;

import dev.cairn.chunker.Chunker;
import dev.cairn.chunker.Polynomial;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * The Rabin chunker over 64 MiB of random bytes held in memory (no disk): the per-file work of a
 * backup reader thread, about 64 chunks. Its limit is memory bandwidth ({@link MemoryBench}),
 * since the chunker reads every byte and copies it into the chunk buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class ChunkerBench {
  static final int SIZE = 64 << 20;

  private byte[] data;
  private byte[] chunk;
  private Chunker chunker;

  @Setup
  public void setUp() {
    data = Payloads.incompressible(SIZE, 2);
    chunk = new byte[Chunker.MAX_SIZE];
    chunker = new Chunker(Polynomial.parse("3da3358b4dc173"));
  }

  /** Cuts 64 MiB into chunks; returns the number of chunks. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int chunk() throws IOException {
    chunker.reset(new ByteArrayInputStream(data));
    int chunks = 0;
    while (chunker.next(chunk) >= 0) {
      chunks++;
    }
    return chunks;
  }
}
