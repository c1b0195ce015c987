package dev.cairn.crypto;

import dev.cairn.core.IntegrityException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An encryption key of restic's scheme (restic-format.md 2.3): a 32-byte AES-256 key for CTR
 * mode and a Poly1305-AES key ({@code k}, the AES-128 key, and {@code r}, stored unclamped).
 *
 * <p>A sealed object is {@code IV(16) || AES-256-CTR(plaintext) || Poly1305-AES(ciphertext)}:
 * the MAC covers the ciphertext only. {@link #open} checks the MAC before decrypting. Instances
 * are immutable and safe for use by many threads.
 */
public final class Key {
  /** Bytes added by sealing: the IV and the MAC. */
  public static final int OVERHEAD = 32;

  private static final int IV_SIZE = 16;
  private static final int MAC_SIZE = 16;

  /**
   * CTR input is fed to the cipher in pieces of this size. Fed 1 MiB at a time, JDK 17's JIT
   * never compiles CounterMode with its AES-NI intrinsic and AES-CTR runs at about 300 MB/s
   * instead of several GB/s (bench-jmh CryptoBench); 64 KiB pieces reach the intrinsic in
   * about a second.
   */
  private static final int CTR_SLICE = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** IVs come from a per-thread buffer refilled 4 KiB at a time, not a locked call per blob. */
  private static final ThreadLocal<RandomBuffer> IVS = ThreadLocal.withInitial(RandomBuffer::new);
  private static final ThreadLocal<Cipher> CTR = ThreadLocal.withInitial(Key::newCtr);
  private static final ThreadLocal<Poly1305Aes> POLY = ThreadLocal.withInitial(Poly1305Aes::new);

  private final byte[] encrypt;
  private final byte[] macK;
  private final byte[] macR;
  private final SecretKeySpec aesKey;

  /** A key from its three parts: 32-byte {@code encrypt}, 16-byte {@code k} and {@code r}. */
  public Key(byte[] encrypt, byte[] macK, byte[] macR) {
    if (encrypt.length != 32 || macK.length != 16 || macR.length != 16) {
      throw new IllegalArgumentException("a key has a 32-byte AES key and two 16-byte MAC keys");
    }
    this.encrypt = encrypt.clone();
    this.macK = macK.clone();
    this.macR = macR.clone();
    this.aesKey = new SecretKeySpec(this.encrypt, "AES");
  }

  /** A new key from the system's strong random source. */
  public static Key random() {
    byte[] b = new byte[64];
    RANDOM.nextBytes(b);
    return fromBytes(b);
  }

  /** A key from 64 bytes: encrypt (0..31), k (32..47), r (48..63), as scrypt output is split. */
  public static Key fromBytes(byte[] b) {
    return new Key(
        Arrays.copyOfRange(b, 0, 32), Arrays.copyOfRange(b, 32, 48), Arrays.copyOfRange(b, 48, 64));
  }

  public byte[] encryptKey() {
    return encrypt.clone();
  }

  public byte[] macK() {
    return macK.clone();
  }

  public byte[] macR() {
    return macR.clone();
  }

  /** True when no part of the key is all zero (restic refuses such keys). */
  public boolean isValid() {
    return !allZero(encrypt) && !allZero(macK) && !allZero(macR);
  }

  /** Seals {@code len} bytes of {@code plain} from {@code off} into a new array. */
  public byte[] seal(byte[] plain, int off, int len) {
    byte[] out = new byte[len + OVERHEAD];
    seal(plain, off, len, out, 0);
    return out;
  }

  /** Seals all of {@code plain}. */
  public byte[] seal(byte[] plain) {
    return seal(plain, 0, plain.length);
  }

  /**
   * Seals {@code len} bytes of {@code plain} into {@code out} at {@code outOff}, which must have
   * room for {@code len + OVERHEAD} bytes. {@code out} must not overlap the input, except in
   * place: {@code plain == out} and {@code off == outOff + 16}, where the ciphertext goes.
   *
   * @return the number of bytes written, {@code len + OVERHEAD}
   */
  public int seal(byte[] plain, int off, int len, byte[] out, int outOff) {
    byte[] iv = new byte[IV_SIZE];
    do {
      IVS.get().next(iv);
    } while (allZero(iv));
    System.arraycopy(iv, 0, out, outOff, IV_SIZE);
    try {
      Cipher c = CTR.get();
      c.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
      ctr(c, plain, off, len, out, outOff + IV_SIZE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
    mac(iv, out, outOff + IV_SIZE, len, out, outOff + IV_SIZE + len);
    return len + OVERHEAD;
  }

  /** Opens a whole sealed array. */
  public byte[] open(byte[] sealed) {
    return open(sealed, 0, sealed.length);
  }

  /**
   * Checks the MAC of the sealed object at {@code sealed[off..off+len)} and decrypts it.
   *
   * @throws IntegrityException when the object is too short or its MAC does not match
   */
  public byte[] open(byte[] sealed, int off, int len) {
    byte[] plain = new byte[Math.max(0, len - OVERHEAD)];
    open(sealed, off, len, plain, 0);
    return plain;
  }

  /**
   * Checks the MAC of the sealed object at {@code sealed[off..off+len)} and decrypts it into
   * {@code dst} at {@code dstOff}, which must have room for {@code len - OVERHEAD} bytes.
   *
   * @return the plaintext length
   * @throws IntegrityException when the object is too short or its MAC does not match
   */
  public int open(byte[] sealed, int off, int len, byte[] dst, int dstOff) {
    if (len < OVERHEAD) {
      throw new IntegrityException("ciphertext of " + len + " bytes is shorter than IV and MAC");
    }
    int ctLen = len - OVERHEAD;
    byte[] iv = Arrays.copyOfRange(sealed, off, off + IV_SIZE);
    byte[] tag = new byte[MAC_SIZE];
    mac(iv, sealed, off + IV_SIZE, ctLen, tag, 0);
    byte[] stored = Arrays.copyOfRange(sealed, off + IV_SIZE + ctLen, off + len);
    if (!MessageDigest.isEqual(tag, stored)) {
      throw new IntegrityException("ciphertext verification failed (MAC mismatch)");
    }
    try {
      Cipher c = CTR.get();
      c.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(iv));
      ctr(c, sealed, off + IV_SIZE, ctLen, dst, dstOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
    return ctLen;
  }

  private void mac(byte[] iv, byte[] ct, int off, int len, byte[] out, int outOff) {
    POLY.get().tag(macK, macR, iv, ct, off, len, out, outOff);
  }

  /** Runs {@code len} bytes through an initialised CTR cipher, {@value #CTR_SLICE} at a time. */
  private static void ctr(Cipher c, byte[] in, int off, int len, byte[] out, int outOff)
      throws GeneralSecurityException {
    int read = 0;
    int written = 0;
    while (len - read > CTR_SLICE) {
      written += c.update(in, off + read, CTR_SLICE, out, outOff + written);
      read += CTR_SLICE;
    }
    written += c.doFinal(in, off + read, len - read, out, outOff + written);
    if (written != len) {
      throw new IllegalStateException("AES-CTR produced " + written + " bytes for " + len);
    }
  }

  private static Cipher newCtr() {
    try {
      return Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no AES/CTR", e);
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Bytes from the shared {@link SecureRandom}, fetched in bulk and handed out once each. */
  private static final class RandomBuffer {
    private final byte[] buf = new byte[4096];
    private int pos = buf.length;

    void next(byte[] dst) {
      if (pos + dst.length > buf.length) {
        RANDOM.nextBytes(buf);
        pos = 0;
      }
      System.arraycopy(buf, pos, dst, 0, dst.length);
      java.util.Arrays.fill(buf, pos, pos + dst.length, (byte) 0);
      pos += dst.length;
    }
  }
}
