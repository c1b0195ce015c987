package dev.cairn.chunker;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The two lookup tables of the rolling Rabin fingerprint for one polynomial P of degree k.
 *
 * <ul>
 *   <li>{@code out[b]}: fingerprint of byte b followed by 63 zero bytes, which is XORed out when b
 *       leaves the 64-byte window;
 *   <li>{@code mod[b]}: {@code (b << k) mod P | (b << k)}, which XORed into the shifted digest
 *       cancels the 8 overflow bits {@code b} and adds their reduction.
 * </ul>
 *
 * <p>Tables are immutable once built and shared between all chunkers of a polynomial through a
 * small thread-safe cache ({@link #of}). The arrays are exposed to the package for speed and must
 * never be modified.
 */
final class RabinTables {

  /** Cached polynomials beyond this count evict the whole cache (a repository has one). */
  private static final int CACHE_LIMIT = 16;

  private static final ConcurrentHashMap<Long, RabinTables> CACHE = new ConcurrentHashMap<>();

  final long pol;
  final int shift;
  final long[] out = new long[256];
  final long[] mod = new long[256];

  private RabinTables(long pol) {
    this.pol = pol;
    int k = Polynomial.deg(pol);
    this.shift = k - 8;
    for (int b = 0; b < 256; b++) {
      long h = Polynomial.mod(b, pol);
      for (int i = 0; i < Chunker.WINDOW_SIZE - 1; i++) {
        h = Polynomial.mod(h << 8, pol);
      }
      out[b] = h;
      long high = (long) b << k;
      mod[b] = Polynomial.mod(high, pol) | high;
    }
  }

  /**
   * Returns the (possibly cached) tables of {@code p}.
   *
   * @param p a polynomial of degree 8..56, so that a shifted digest fits in 64 bits
   * @return the shared tables
   * @throws IllegalArgumentException if the degree is out of range
   */
  static RabinTables of(Polynomial p) {
    int k = p.degree();
    if (k < 8 || k > 56) {
      throw new IllegalArgumentException("chunker polynomial degree must be 8..56: " + p);
    }
    RabinTables t = CACHE.get(p.value());
    if (t != null) {
      return t;
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    return CACHE.computeIfAbsent(p.value(), RabinTables::new);
  }
}
