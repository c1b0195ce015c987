package dev.cairn.chunker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * Content-defined chunker, bit-identical to restic's Rabin chunker ({@code
 * github.com/restic/chunker} with its default parameters): 64-byte window, chunks of {@link
 * #MIN_SIZE} to {@link #MAX_SIZE} bytes, cut where the low 20 bits of the rolling fingerprint are
 * zero. The first {@code MIN_SIZE - 64} bytes of every chunk are copied without hashing, and the
 * state is reset (window cleared, byte 0x01 slid in) at the start of every file and after every
 * cut.
 *
 * <p>Usage: one instance per reader thread, reused across files. {@link #reset(InputStream)} starts
 * a file; {@link #next(byte[])} then returns the chunks one by one. The instance owns a read
 * buffer of about 1 MiB, allocated once, and allocates nothing per chunk or per byte. The
 * lookup tables are shared between all chunkers of the same polynomial.
 *
 * <p>Not thread-safe: an instance must be used by one thread at a time.
 */
public final class Chunker {

  /** Minimum chunk size, 512 KiB; only the last chunk of a file may be shorter. */
  public static final int MIN_SIZE = 512 * 1024;

  /** Maximum chunk size, 8 MiB; {@link #next} needs a destination at least this long. */
  public static final int MAX_SIZE = 8 * 1024 * 1024;

  /** Size of the rolling-hash window in bytes. */
  public static final int WINDOW_SIZE = 64;

  /** A cut is made where {@code (fingerprint & SPLIT_MASK) == 0}: 2^20 - 1. */
  public static final long SPLIT_MASK = (1L << 20) - 1;

  static final int DEFAULT_BUFFER_SIZE = 1 << 20;

  /** Bytes copied into a chunk unhashed after each reset. */
  private static final int SKIP = MIN_SIZE - WINDOW_SIZE;

  private final long[] out;
  private final long[] mod;
  private final int shift;
  private final Polynomial polynomial;

  /** {@code buf[0, WINDOW_SIZE)} holds the 64 input bytes before {@code buf[WINDOW_SIZE]}. */
  private final byte[] buf;

  private final ByteBuffer bufView;
  private InputStream in;
  private ReadableByteChannel channel;
  private boolean eof;
  private int bpos;
  private int bmax;
  private long offset;
  private long lastStart;
  private long lastCut;
  private long scanDigest;

  /**
   * Creates a chunker for a polynomial. Build one per reader thread; it is reusable for any
   * number of files.
   *
   * @param pol the repository's chunker polynomial (normally irreducible, of degree 53)
   * @throws IllegalArgumentException if the degree is outside 8..56
   */
  public Chunker(Polynomial pol) {
    this(pol, DEFAULT_BUFFER_SIZE);
  }

  /** Test hook: a chunker with a read buffer of {@code bufferSize} bytes (at least 1). */
  Chunker(Polynomial pol, int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("buffer size " + bufferSize);
    }
    RabinTables t = RabinTables.of(Objects.requireNonNull(pol, "pol"));
    this.polynomial = pol;
    this.out = t.out;
    this.mod = t.mod;
    this.shift = t.shift;
    this.buf = new byte[WINDOW_SIZE + bufferSize];
    this.bufView = ByteBuffer.wrap(buf);
  }

  /** Returns the polynomial this chunker was created with. */
  public Polynomial polynomial() {
    return polynomial;
  }

  /**
   * Starts chunking a new file read from {@code in}, discarding all state of the previous one
   * (including unread buffered bytes). The stream is not closed by the chunker.
   *
   * @param in the file content
   */
  public void reset(InputStream in) {
    start(Objects.requireNonNull(in, "in"), null);
  }

  /**
   * Starts chunking a new file read from a blocking channel; otherwise like {@link
   * #reset(InputStream)}. A non-blocking channel that returns 0 bytes makes {@link #next} spin.
   *
   * @param channel the file content; not closed by the chunker
   */
  public void reset(ReadableByteChannel channel) {
    start(null, Objects.requireNonNull(channel, "channel"));
  }

  private void start(InputStream in, ReadableByteChannel channel) {
    this.in = in;
    this.channel = channel;
    this.eof = false;
    this.bpos = WINDOW_SIZE;
    this.bmax = WINDOW_SIZE;
    this.offset = 0;
    this.lastStart = 0;
    this.lastCut = 0;
  }

  /**
   * Copies the next chunk of the current file into {@code dst[0, n)} and returns {@code n}, or
   * returns -1 when the file has no more bytes (an empty file yields no chunk at all). Every chunk
   * is {@link #MIN_SIZE}..{@link #MAX_SIZE} bytes except the last one, which is 1..MAX_SIZE.
   *
   * <p>If reading throws, the exception propagates and the chunker must be {@link #reset} before
   * further use.
   *
   * @param dst destination, at least {@link #MAX_SIZE} bytes long
   * @return the chunk length, or -1 at end of file
   * @throws IOException from the underlying stream or channel
   * @throws IllegalStateException if no file was started, or the last read failed
   * @throws IllegalArgumentException if {@code dst} is shorter than {@link #MAX_SIZE}
   */
  public int next(byte[] dst) throws IOException {
    if (in == null && channel == null) {
      throw new IllegalStateException("no input: call reset first");
    }
    if (dst.length < MAX_SIZE) {
      throw new IllegalArgumentException("dst shorter than MAX_SIZE: " + dst.length);
    }
    final long[] outT = out;
    final long[] modT = mod;
    final int sh = shift;
    final byte[] b = buf;
    int count = 0;
    int hashed = 0;
    long digest = 1; // after reset: the window holds a single 0x01 byte
    while (true) {
      if (bpos >= bmax && !fill()) {
        return count == 0 ? -1 : emit(count, digest);
      }
      if (count < SKIP) { // pre-hash region: bulk copy, no hashing
        int n = Math.min(SKIP - count, bmax - bpos);
        System.arraycopy(b, bpos, dst, count, n);
        bpos += n;
        count += n;
      } else if (hashed < WINDOW_SIZE) { // window still holds reset bytes: 63 zeros, then 0x01
        while (bpos < bmax && hashed < WINDOW_SIZE) {
          int v = b[bpos++] & 0xff;
          dst[count++] = (byte) v;
          if (++hashed == WINDOW_SIZE) {
            digest ^= outT[1];
          }
          digest = ((digest << 8) | v) ^ modT[(int) (digest >>> sh)];
        }
        if (hashed == WINDOW_SIZE && (digest & SPLIT_MASK) == 0) { // count == MIN_SIZE
          return emit(count, digest);
        }
      } else { // steady state: the byte leaving the window is 64 positions back in buf
        int from = bpos;
        int limit = Math.min(bmax, from + (MAX_SIZE - count));
        int end = scan(from, limit, digest);
        digest = scanDigest;
        System.arraycopy(b, from, dst, count, end - from);
        count += end - from;
        bpos = end;
        if ((digest & SPLIT_MASK) == 0 || count == MAX_SIZE) {
          return emit(count, digest);
        }
      }
    }
  }

  /**
   * Hashes {@code buf[p, limit)} until the first cut. Returns the end of the hashed range (just
   * after the cut byte, or {@code limit}) and leaves the digest in {@link #scanDigest}.
   */
  private int scan(int p, int limit, long digest) {
    final byte[] b = buf;
    final long[] outT = out;
    final long[] modT = mod;
    final int sh = shift;
    for (; p < limit; p++) {
      digest ^= outT[b[p - WINDOW_SIZE] & 0xff];
      digest = ((digest << 8) | (b[p] & 0xff)) ^ modT[(int) (digest >>> sh)];
      if ((digest & SPLIT_MASK) == 0) {
        scanDigest = digest;
        return p + 1;
      }
    }
    scanDigest = digest;
    return limit;
  }

  private int emit(int count, long digest) {
    lastStart = offset;
    lastCut = digest;
    offset += count;
    return count;
  }

  /** Refills buf after the 64-byte history; returns false at end of input. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    System.arraycopy(buf, bmax - WINDOW_SIZE, buf, 0, WINDOW_SIZE);
    int pos = WINDOW_SIZE;
    try {
      while (pos < buf.length) {
        int n = read(pos, buf.length - pos);
        if (n < 0) {
          eof = true;
          break;
        }
        pos += n;
      }
    } catch (IOException | RuntimeException e) {
      in = null;
      channel = null;
      throw e;
    }
    bpos = WINDOW_SIZE;
    bmax = pos;
    return pos > WINDOW_SIZE;
  }

  private int read(int pos, int len) throws IOException {
    if (in != null) {
      return in.read(buf, pos, len);
    }
    bufView.limit(pos + len).position(pos);
    return channel.read(bufView);
  }

  /**
   * Returns the cut fingerprint of the chunk last returned by {@link #next}: the rolling digest
   * after its last byte. For a tail chunk at end of file this is the current digest (1 if the
   * tail ended inside the unhashed region), as restic reports it.
   *
   * @return the fingerprint, 0 before the first chunk of a file
   */
  public long lastCut() {
    return lastCut;
  }

  /**
   * Returns the offset within the current file of the chunk last returned by {@link #next}.
   *
   * @return the start offset, 0 before the first chunk of a file
   */
  public long lastStart() {
    return lastStart;
  }
}
