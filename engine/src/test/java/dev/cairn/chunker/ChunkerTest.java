package dev.cairn.chunker;

import static dev.cairn.chunker.ChunkerVectorsTest.INPUT;
import static dev.cairn.chunker.ChunkerVectorsTest.POL_A;
import static dev.cairn.chunker.ChunkerVectorsTest.SPLITMIX_POL_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunker.ChunkerVectorsTest.Expected;
import dev.cairn.core.Id;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static final byte[] DST = new byte[Chunker.MAX_SIZE];

  /** A stream that returns between 1 and {@code maxRead} bytes per read call. */
  static final class ShortReads extends InputStream {
    private final byte[] data;
    private final Random rnd;
    private final int maxRead;
    private int pos;

    ShortReads(byte[] data, long seed, int maxRead) {
      this.data = data;
      this.rnd = new Random(seed);
      this.maxRead = maxRead;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + rnd.nextInt(maxRead)), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  private static List<Expected> drain(Chunker c) throws IOException {
    List<Expected> got = new ArrayList<>();
    int n;
    while ((n = c.next(DST)) >= 0) {
      got.add(new Expected(n, c.lastCut(), Id.hash(DST, 0, n).hex()));
    }
    assertThat(c.next(DST)).isEqualTo(-1); // stays at end
    return got;
  }

  @Test
  void shortReadsGiveTheSameChunks() throws IOException {
    Chunker c = new Chunker(POL_A);
    c.reset(new ShortReads(INPUT, 1, 4096));
    assertThat(drain(c)).containsExactly(SPLITMIX_POL_A);
    c.reset(new ShortReads(INPUT, 2, 7));
    assertThat(drain(c)).containsExactly(SPLITMIX_POL_A);
  }

  /** Tiny internal buffers make the window prologue and history cross buffer boundaries. */
  @Test
  void tinyInternalBuffersGiveTheSameChunks() throws IOException {
    byte[] data = Arrays.copyOf(INPUT, 3 << 20);
    Chunker plain = new Chunker(POL_A);
    plain.reset(new ByteArrayInputStream(data));
    List<Expected> want = drain(plain);
    assertThat(want).hasSize(4).startsWith(Arrays.copyOf(SPLITMIX_POL_A, 3));
    assertThat(want.get(3).length()).isEqualTo(data.length - 1285841 - 609147 - 536277);
    for (int size : new int[] {1, 7, 63, 64, 65, 1000, 65536}) {
      Chunker c = new Chunker(POL_A, size);
      c.reset(new ShortReads(data, size, 3 * size));
      assertThat(drain(c)).as("buffer %d", size).isEqualTo(want);
    }
  }

  @Test
  void reuseAcrossFilesResetsState() throws IOException {
    Chunker c = new Chunker(POL_A);
    c.reset(new ByteArrayInputStream(new byte[3 << 20]));
    assertThat(c.next(DST)).isEqualTo(Chunker.MIN_SIZE); // abandon the file mid-way
    assertThat(c.lastStart()).isZero();
    assertThat(c.next(DST)).isEqualTo(Chunker.MIN_SIZE);
    assertThat(c.lastStart()).isEqualTo(Chunker.MIN_SIZE);
    c.reset(new ByteArrayInputStream(INPUT));
    assertThat(drain(c)).containsExactly(SPLITMIX_POL_A);
    c.reset(new ByteArrayInputStream(Arrays.copyOf(INPUT, 100)));
    assertThat(drain(c)).containsExactly(ChunkerVectorsTest.PREFIX_100);
    c.reset(new ByteArrayInputStream(new byte[0]));
    assertThat(drain(c)).isEmpty();
  }

  @Test
  void channelVariantGivesTheSameChunks() throws IOException {
    Chunker c = new Chunker(POL_A);
    c.reset(Channels.newChannel(new ShortReads(INPUT, 3, 100_000)));
    assertThat(drain(c)).containsExactly(SPLITMIX_POL_A);
  }

  @Test
  void chunksAreBoundedByMaxSize() throws IOException {
    // A repeating 4-byte pattern that never hits the mask: every chunk is cut at MAX_SIZE.
    byte[] data = new byte[Chunker.MAX_SIZE * 2 + 5];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 4 + 1);
    }
    Chunker c = new Chunker(POL_A);
    c.reset(new ByteArrayInputStream(data));
    List<Expected> got = drain(c);
    assertThat(got).extracting(Expected::length)
        .containsExactly(Chunker.MAX_SIZE, Chunker.MAX_SIZE, 5);
  }

  @Test
  void ioExceptionPropagatesAndRequiresReset() throws IOException {
    InputStream failing = new InputStream() {
      private int left = 700_000;

      @Override
      public int read() throws IOException {
        throw new IOException("disk on fire");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          throw new IOException("disk on fire");
        }
        int n = Math.min(len, Math.min(left, 10_000));
        left -= n;
        return n;
      }
    };
    Chunker c = new Chunker(POL_A);
    c.reset(failing);
    assertThatThrownBy(() -> c.next(DST)).isInstanceOf(IOException.class)
        .hasMessage("disk on fire");
    assertThatThrownBy(() -> c.next(DST)).isInstanceOf(IllegalStateException.class);
    c.reset(new ByteArrayInputStream(Arrays.copyOf(INPUT, 100)));
    assertThat(drain(c)).containsExactly(ChunkerVectorsTest.PREFIX_100);
  }

  @Test
  void misuseIsRejected() {
    Chunker c = new Chunker(POL_A);
    assertThatThrownBy(() -> c.next(DST)).isInstanceOf(IllegalStateException.class);
    c.reset(new ByteArrayInputStream(new byte[10]));
    assertThatThrownBy(() -> c.next(new byte[Chunker.MAX_SIZE - 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Chunker(new Polynomial(0x7f)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(c.polynomial()).isEqualTo(POL_A);
  }
}
