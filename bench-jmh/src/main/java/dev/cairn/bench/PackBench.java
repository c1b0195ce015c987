package dev.cairn.bench;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.crypto.Key;
import dev.cairn.pack.FinishedPack;
import dev.cairn.pack.PackWriter;
import dev.cairn.pack.SealedBlob;
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
 * Pack assembly: {@link PackWriter#add} of already sealed blobs up to 16 MiB, then {@link
 * PackWriter#finish} (header encoded and sealed, SHA-256 of the whole pack, header read back).
 * With 1 MiB blobs the pack hash dominates, so the limit is raw SHA-256 ({@link HashBench}); with
 * 16 KiB blobs (1024 per pack) the per-blob header work shows. The copy is left out of the limit:
 * a writer could seal blobs straight into the pack buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class PackBench {
  static final int PACK = 16 << 20;

  @Param({"1048576", "16384"})
  public int blobSize;

  private Key key;
  private SealedBlob[] blobs;
  private byte[] buffer;

  @Setup
  public void setUp() {
    key = Key.fromBytes(Payloads.incompressible(64, 11));
    byte[] sealed = Payloads.incompressible(blobSize, 12);
    blobs = new SealedBlob[PACK / blobSize];
    for (int i = 0; i < blobs.length; i++) {
      Id id = Id.hash(Payloads.incompressible(32, 100 + i));
      blobs[i] = new SealedBlob(new BlobHandle(id, BlobType.DATA), sealed, blobSize, 0);
    }
    buffer = new byte[PACK + (1 << 20)];
  }

  /** Cairn: one 16 MiB pack, added blob by blob and finished. */
  @Benchmark
  @OperationsPerInvocation(PACK)
  public FinishedPack assemble() {
    PackWriter w = new PackWriter(key, buffer);
    for (SealedBlob b : blobs) {
      w.add(b);
    }
    return w.finish();
  }
}
