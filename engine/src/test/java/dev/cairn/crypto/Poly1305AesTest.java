package dev.cairn.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * Cairn's Poly1305-AES against BouncyCastle's, an independent implementation of the same
 * function, on every message length around the block size, at unaligned offsets, on the values
 * that make the final reduction carry (all-ones messages and multipliers) and on 1 MiB. The
 * restic vector in {@link KeyTest} checks the pair against restic itself.
 */
class Poly1305AesTest {
  private final Poly1305Aes cairn = new Poly1305Aes();

  private static byte[] reference(byte[] k, byte[] r, byte[] nonce, byte[] m, int off, int len) {
    byte[] key = new byte[32];
    System.arraycopy(r, 0, key, 0, 16);
    System.arraycopy(k, 0, key, 16, 16);
    Poly1305 bc = new Poly1305(AESEngine.newInstance());
    bc.init(new ParametersWithIV(new KeyParameter(key), nonce));
    bc.update(m, off, len);
    byte[] tag = new byte[16];
    bc.doFinal(tag, 0);
    return tag;
  }

  private byte[] cairn(byte[] k, byte[] r, byte[] nonce, byte[] m, int off, int len) {
    byte[] out = new byte[20];
    cairn.tag(k, r, nonce, m, off, len, out, 3);
    return Arrays.copyOfRange(out, 3, 19);
  }

  private static byte[] bytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  @Test
  void matchesTheReferenceForEveryLengthUpTo300AtEveryOffset() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int len = 0; len <= 300; len++) {
      byte[] k = bytes(rnd, 16);
      byte[] r = bytes(rnd, 16);
      byte[] nonce = bytes(rnd, 16);
      byte[] m = bytes(rnd, len + 7);
      int off = len % 8;
      assertThat(cairn(k, r, nonce, m, off, len))
          .as("length %d at offset %d", len, off)
          .isEqualTo(reference(k, r, nonce, m, off, len));
    }
  }

  @Test
  void matchesTheReferenceWhereTheReductionCarries() {
    byte[] ones = new byte[16];
    Arrays.fill(ones, (byte) 0xff);
    SplittableRandom rnd = new SplittableRandom(2);
    for (int len : new int[] {1, 15, 16, 17, 32, 33, 64, 4096}) {
      byte[] m = new byte[len];
      Arrays.fill(m, (byte) 0xff);
      for (byte[] r : new byte[][] {ones, bytes(rnd, 16), new byte[16]}) {
        for (byte[] k : new byte[][] {ones, bytes(rnd, 16)}) {
          assertThat(cairn(k, r, ones, m, 0, len))
              .as("all-ones message of %d bytes", len)
              .isEqualTo(reference(k, r, ones, m, 0, len));
        }
      }
    }
  }

  @Test
  void matchesTheReferenceOnOneMebibyteAndAcrossKeys() {
    SplittableRandom rnd = new SplittableRandom(3);
    byte[] m = bytes(rnd, 1 << 20);
    for (int i = 0; i < 4; i++) { // the same instance with changing keys: its AES key cache
      byte[] k = i == 2 ? bytes(new SplittableRandom(3), 16) : bytes(rnd, 16);
      byte[] r = bytes(rnd, 16);
      byte[] nonce = bytes(rnd, 16);
      assertThat(cairn(k, r, nonce, m, 5, m.length - 9))
          .isEqualTo(reference(k, r, nonce, m, 5, m.length - 9));
    }
  }
}
