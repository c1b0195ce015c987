package dev.cairn.bench;

import dev.cairn.core.Id;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * SHA-256 of a 1 MiB blob: Cairn's {@link Id#hash} (a per-thread digest, the blob id of every
 * chunk) beside a bare {@link MessageDigest} (the JDK intrinsic, SHA-NI where the CPU has it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class HashBench {
  static final int SIZE = 1 << 20;

  private byte[] data;
  private MessageDigest md;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    data = Payloads.incompressible(SIZE, 3);
    md = MessageDigest.getInstance("SHA-256");
  }

  /** Cairn: the id of a 1 MiB blob. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public Id blobId() {
    return Id.hash(data, 0, SIZE);
  }

  /** Limit: the JDK's SHA-256 over the same bytes. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public byte[] rawSha256() {
    md.update(data, 0, SIZE);
    return md.digest();
  }
}
