package dev.cairn.chunker;

import java.io.InputStream;

/**
 * Test data: the SplitMix64 byte stream of the fixtures README (state += 0x9E3779B97F4A7C15,
 * standard mix, each 64-bit output little-endian).
 */
final class SplitMix64 {

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The first {@code n} bytes of the stream for {@code seed}. */
  static byte[] bytes(long seed, int n) {
    SplitMix64 g = new SplitMix64(seed);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i += 8) {
      long v = g.nextLong();
      for (int k = 0; k < 8 && i + k < n; k++) {
        out[i + k] = (byte) (v >>> (8 * k));
      }
    }
    return out;
  }

  /** An endless stream of the bytes for {@code seed}. */
  static InputStream stream(long seed) {
    SplitMix64 g = new SplitMix64(seed);
    return new InputStream() {
      private long word;
      private int left;

      @Override
      public int read() {
        if (left == 0) {
          word = g.nextLong();
          left = 8;
        }
        int b = (int) (word & 0xff);
        word >>>= 8;
        left--;
        return b;
      }
    };
  }
}
