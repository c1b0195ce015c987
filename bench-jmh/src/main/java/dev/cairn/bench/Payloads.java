package dev.cairn.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic benchmark inputs: random bytes, which neither zstd nor anything else can
 * shrink, and log-like text, which zstd at level 3 shrinks about fivefold.
 */
public final class Payloads {
  private static final String[] WORDS = {
    "INFO", "WARN", "DEBUG", "request", "served", "user", "GET", "POST", "/api/v1/items",
    "/healthz", "status=200", "status=404", "latency_ms=", "bytes=", "cache", "miss", "hit",
    "backend", "session", "opened", "closed", "retry", "timeout", "db.query", "rows="
  };

  private Payloads() {}

  /** {@code size} random bytes from {@code seed}. */
  public static byte[] incompressible(int size, long seed) {
    byte[] b = new byte[size];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i + 8 <= size; i += 8) {
      long v = r.nextLong();
      for (int j = 0; j < 8; j++) {
        b[i + j] = (byte) (v >>> (8 * j));
      }
    }
    for (int i = size & ~7; i < size; i++) {
      b[i] = (byte) r.nextInt();
    }
    return b;
  }

  /** {@code size} bytes of log lines: timestamps, a few keywords, random numbers. */
  public static byte[] compressible(int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(size + 256);
    long t = 1_700_000_000_000L;
    while (sb.length() < size) {
      t += r.nextInt(5000);
      sb.append(t).append(' ');
      int words = 4 + r.nextInt(8);
      for (int w = 0; w < words; w++) {
        String word = WORDS[r.nextInt(WORDS.length)];
        sb.append(word);
        if (word.endsWith("=")) {
          sb.append(r.nextInt(100_000));
        }
        sb.append(' ');
      }
      sb.append('\n');
    }
    byte[] all = sb.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[size];
    System.arraycopy(all, 0, out, 0, size);
    return out;
  }
}
