package dev.cairn.crypto;

/** scrypt cost parameters as stored in a key file. */
public record KdfParams(int n, int r, int p) {
  /** What Cairn writes: N=32768 and r=8 as restic; p=1 (restic calibrates p to about 0.5 s). */
  public static final KdfParams DEFAULT = new KdfParams(32768, 8, 1);

  /**
   * Checks the limits restic applies when opening a key.
   *
   * @throws IllegalArgumentException naming the bad parameter
   */
  public KdfParams {
    if (n <= 1 || (n & (n - 1)) != 0) {
      throw new IllegalArgumentException("invalid scrypt N " + n + ": must be a power of 2 > 1");
    }
    if (r < 1 || p < 1 || (long) r * p >= (1L << 30)) {
      throw new IllegalArgumentException("invalid scrypt r " + r + " / p " + p);
    }
    if ((long) n > Integer.MAX_VALUE / 128L / r) {
      throw new IllegalArgumentException("scrypt N " + n + " too large for r " + r);
    }
  }
}
