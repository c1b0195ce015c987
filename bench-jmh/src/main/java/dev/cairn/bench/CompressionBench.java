package dev.cairn.bench;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.crypto.Key;
import dev.cairn.pack.BlobCodec;
import dev.cairn.pack.Compression;
import dev.cairn.pack.PackedBlob;
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
 * zstd at the level of restic's {@code auto} compression ({@link Compression#AUTO}, level 3),
 * alone and inside {@link BlobCodec} (compress, then seal; on restore open, decompress and check
 * the SHA-256), on a 1 MiB data blob of log-like text or of random bytes. Random bytes do not
 * shrink, so the codec stores them uncompressed after trying.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class CompressionBench {
  static final int SIZE = 1 << 20;

  @Param({"compressible", "incompressible"})
  public String data;

  private byte[] plain;
  private byte[] compressed;
  private int compressedLen;
  private byte[] out;
  private ZstdCompressCtx zc;
  private ZstdDecompressCtx zd;
  private BlobCodec codec;
  private BlobHandle handle;
  private PackedBlob stored;
  private byte[] storedBytes;

  @Setup
  public void setUp() {
    plain = data.equals("compressible") ? Payloads.compressible(SIZE, 9) : Payloads.incompressible(SIZE, 9);
    zc = new ZstdCompressCtx();
    zc.setLevel(Compression.AUTO.level());
    zc.setChecksum(false);
    zd = new ZstdDecompressCtx();
    out = new byte[(int) Zstd.compressBound(SIZE) + Key.OVERHEAD];
    compressed = new byte[out.length];
    compressedLen = (int) zc.compressByteArray(compressed, 0, compressed.length, plain, 0, SIZE);
    codec = new BlobCodec(Key.fromBytes(Payloads.incompressible(64, 10)), Compression.AUTO);
    handle = new BlobHandle(Id.hash(plain), BlobType.DATA);
    SealedBlob s = codec.seal(handle, plain, 0, SIZE);
    storedBytes = java.util.Arrays.copyOf(s.data(), s.length());
    stored = new PackedBlob(handle, handle.id(), 0, s.length(), s.uncompressedLength());
  }

  /** zstd level 3 of 1 MiB (limit of the codec's sealing). */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public long zstdCompress() {
    return zc.compressByteArray(out, 0, out.length, plain, 0, SIZE);
  }

  /** zstd decompression back to 1 MiB (limit of the codec's opening). */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public long zstdDecompress() {
    if (compressedLen >= SIZE) {
      System.arraycopy(plain, 0, out, 0, SIZE); // stored uncompressed: nothing to decompress
      return SIZE;
    }
    return zd.decompressByteArray(out, 0, SIZE, compressed, 0, compressedLen);
  }

  /** Cairn: what a backup does to a 1 MiB chunk after hashing it: compress and seal. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public SealedBlob codecSeal() {
    return codec.seal(handle, plain, 0, SIZE);
  }

  /** Cairn: what a restore does to a stored blob: check the MAC, decrypt, decompress, hash. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public byte[] codecOpen() {
    return codec.openTransient(stored, storedBytes, 0);
  }
}
