package dev.cairn.bench;

import dev.cairn.crypto.Key;
import dev.cairn.crypto.Poly1305Aes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
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
 * restic's authenticated encryption of a 1 MiB blob: {@link Key#seal} and {@link Key#open}
 * (AES-256-CTR, then Poly1305-AES over the ciphertext) beside raw AES-256-CTR from javax.crypto
 * (AES-NI intrinsics), the limit, and BouncyCastle's Poly1305-AES alone, the other half.
 * Each benchmark runs in its own JVM, so one cannot warm the JIT up for another.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class CryptoBench {
  static final int SIZE = 1 << 20;
  static final int SLICE = 64 << 10;

  private byte[] plain;
  private byte[] sealed;
  private byte[] out;
  private Key key;
  private Cipher ctr;
  private SecretKeySpec aesKey;
  private IvParameterSpec iv;
  private Poly1305 poly;
  private byte[] polyKey;
  private byte[] nonce;
  private Poly1305Aes cairnPoly;

  @Setup
  public void setUp() throws GeneralSecurityException {
    plain = Payloads.incompressible(SIZE, 4);
    key = Key.fromBytes(Payloads.incompressible(64, 5));
    sealed = key.seal(plain);
    out = new byte[SIZE + Key.OVERHEAD];
    ctr = Cipher.getInstance("AES/CTR/NoPadding");
    aesKey = new SecretKeySpec(Payloads.incompressible(32, 6), "AES");
    nonce = Payloads.incompressible(16, 7);
    iv = new IvParameterSpec(nonce);
    poly = new Poly1305(AESEngine.newInstance());
    polyKey = Payloads.incompressible(32, 8);
    cairnPoly = new Poly1305Aes();
  }

  /** Cairn: seal 1 MiB (random IV, AES-256-CTR, Poly1305-AES). */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int seal() {
    return key.seal(plain, 0, SIZE, out, 0);
  }

  /** Cairn: check the MAC of 1 MiB and decrypt it. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int open() {
    return key.open(sealed, 0, sealed.length, out, 0);
  }

  /**
   * Limit: AES-256-CTR of 1 MiB through javax.crypto, fed 64 KiB at a time, which is how the
   * JIT comes to use the AES-NI intrinsic (see {@link #rawAesCtrOneCall}).
   */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int rawAesCtr() throws GeneralSecurityException {
    ctr.init(Cipher.ENCRYPT_MODE, aesKey, iv);
    int n = 0;
    for (int off = 0; off < SIZE - SLICE; off += SLICE) {
      n += ctr.update(plain, off, SLICE, out, off);
    }
    return n + ctr.doFinal(plain, SIZE - SLICE, SLICE, out, SIZE - SLICE);
  }

  /**
   * AES-256-CTR of 1 MiB in one {@code doFinal}: JDK 17 then never compiles CounterMode with
   * the intrinsic (the method is entered too rarely), so this stays at the speed of plain Java.
   */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int rawAesCtrOneCall() throws GeneralSecurityException {
    ctr.init(Cipher.ENCRYPT_MODE, aesKey, iv);
    return ctr.doFinal(plain, 0, SIZE, out, 0);
  }

  /** Component: BouncyCastle's Poly1305-AES over 1 MiB. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public byte[] poly1305() {
    poly.init(new ParametersWithIV(new KeyParameter(polyKey), nonce));
    poly.update(plain, 0, SIZE);
    poly.doFinal(out, 0);
    return out;
  }

  /** Component: Cairn's own Poly1305-AES over 1 MiB, which {@link Key} uses. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public byte[] poly1305Cairn() {
    cairnPoly.tag(
        Arrays.copyOfRange(polyKey, 16, 32), polyKey, nonce, plain, 0, SIZE, out, 0);
    return out;
  }
}
