package dev.cairn.chunker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * A polynomial over GF(2) held in a {@code long}: bit {@code i} is the coefficient of
 * {@code x^i}. This is restic's {@code chunker.Pol}, the value stored as {@code
 * chunker_polynomial} in a repository {@code config}.
 *
 * <p>The value is treated as unsigned. Instances are immutable and thread-safe.
 *
 * @param value the coefficient bits
 */
public record Polynomial(long value) {

  /** Degree of the polynomials that {@link #random} and {@link #derive} generate. */
  public static final int GENERATED_DEGREE = 53;

  /** Maximum number of candidates tried by {@link #random} and {@link #derive}. */
  static final int MAX_TRIES = 1_000_000;

  private static final long GENERATE_MASK = (1L << 54) - 1;
  private static final long GENERATE_SET = (1L << 53) | 1L;

  /**
   * Parses the restic config form: hexadecimal digits without {@code 0x} prefix or sign, as
   * written by Go's {@code strconv.ParseUint(s, 16, 64)} counterpart. Upper-case digits are
   * accepted (Go accepts them too); {@link #hex()} always writes lower case.
   *
   * @param hex 1 to 16 hex digits
   * @return the polynomial
   * @throws IllegalArgumentException if {@code hex} is not 1..16 hex digits
   */
  public static Polynomial parse(String hex) {
    if (hex == null || hex.isEmpty() || hex.length() > 16) {
      throw new IllegalArgumentException("invalid chunker polynomial: " + hex);
    }
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("invalid chunker polynomial: " + hex);
      }
    }
    return new Polynomial(Long.parseUnsignedLong(hex, 16));
  }

  /**
   * Returns the restic config form: lower-case hex, no prefix, no leading zeros ({@code "0"} for
   * the zero polynomial).
   *
   * @return the hex form, which {@link #parse} reads back to an equal polynomial
   */
  public String hex() {
    return Long.toHexString(value);
  }

  /**
   * Returns the degree: the index of the highest set bit, or -1 for the zero polynomial.
   *
   * @return the degree, -1..63
   */
  public int degree() {
    return deg(value);
  }

  /**
   * Tests irreducibility with Ben-Or's algorithm, as restic does: for every {@code i} in {@code
   * 1..degree/2}, {@code gcd(this, (x^(2^i) - x) mod this)} must be 1.
   *
   * <p>Polynomials of degree below 1 (0 and 1) are not irreducible and return {@code false}
   * (restic's Go code vacuously returns {@code true} for them; no valid config holds them).
   *
   * @return whether this polynomial is irreducible over GF(2)
   */
  public boolean isIrreducible() {
    int d = degree();
    if (d < 1) {
      return false;
    }
    for (int i = 1; i <= d / 2; i++) {
      if (gcd(value, qp(i, value)) != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Generates a new random irreducible polynomial of degree 53, like restic's {@code
   * RandomPolynomial}: see {@link #derive}; the 8-byte candidates come from {@code rng}.
   *
   * @param rng the randomness source, normally a fresh {@link SecureRandom}
   * @return an irreducible polynomial of degree 53
   * @throws IllegalStateException if no candidate out of 10^6 was irreducible
   */
  public static Polynomial random(SecureRandom rng) {
    byte[] b = new byte[8];
    for (int i = 0; i < MAX_TRIES; i++) {
      rng.nextBytes(b);
      Polynomial p = candidate(b);
      if (p.isIrreducible()) {
        return p;
      }
    }
    throw new IllegalStateException("unable to find new random irreducible polynomial");
  }

  /**
   * Derives an irreducible polynomial of degree 53 from a byte source, exactly like restic's
   * {@code DerivePolynomial}: repeatedly read 8 bytes as a little-endian value {@code f}, keep
   * its low 54 bits, set bits 53 and 0, and return the first {@code f} that is irreducible (at
   * most 10^6 candidates). Exactly {@code 8 * candidates} bytes are consumed.
   *
   * @param source the byte source; not closed
   * @return the first irreducible candidate
   * @throws EOFException if the source ends before an irreducible candidate is found
   * @throws IOException if reading fails
   * @throws IllegalStateException if no candidate out of 10^6 was irreducible
   */
  public static Polynomial derive(InputStream source) throws IOException {
    byte[] b = new byte[8];
    for (int i = 0; i < MAX_TRIES; i++) {
      if (source.readNBytes(b, 0, 8) != 8) {
        throw new EOFException("polynomial source ended");
      }
      Polynomial p = candidate(b);
      if (p.isIrreducible()) {
        return p;
      }
    }
    throw new IllegalStateException("unable to find new random irreducible polynomial");
  }

  /** Returns {@code "Polynomial[" + hex() + "]"}. */
  @Override
  public String toString() {
    return "Polynomial[" + hex() + "]";
  }

  private static Polynomial candidate(byte[] b) {
    long f = 0;
    for (int i = 7; i >= 0; i--) {
      f = (f << 8) | (b[i] & 0xff);
    }
    return new Polynomial((f & GENERATE_MASK) | GENERATE_SET);
  }

  static int deg(long x) {
    return 63 - Long.numberOfLeadingZeros(x);
  }

  /** Remainder of {@code x} divided by {@code p} (p != 0). */
  static long mod(long x, long p) {
    int dp = deg(p);
    int dx;
    while ((dx = deg(x)) >= dp) {
      x ^= p << (dx - dp);
    }
    return x;
  }

  /** {@code a * b mod p} by shift-and-add; a and b must already be reduced mod p. */
  static long mulMod(long a, long b, long p) {
    long res = 0;
    for (int i = deg(b); i >= 0; i--) {
      res = mod(res << 1, p); // res < 2^deg(p) <= 2^63, so the shift never loses a bit
      if ((b >>> i & 1) != 0) {
        res ^= a;
      }
    }
    return res;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long r = mod(a, b);
      a = b;
      b = r;
    }
    return a;
  }

  /** {@code (x^(2^i) - x) mod p}, by squaring x i times. */
  private static long qp(int i, long p) {
    long res = mod(2, p);
    for (int k = 0; k < i; k++) {
      res = mulMod(res, res, p);
    }
    return mod(res ^ 2, p);
  }
}
