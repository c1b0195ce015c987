package dev.cairn.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseWriterTest {

  private static final int CHUNK = 1 << 20;

  @TempDir Path dir;

  @Test
  void isAllZeroChecksEveryByteAndRange() {
    byte[] buf = new byte[1000];
    assertThat(SparseWriter.isAllZero(buf, 0, buf.length)).isTrue();
    assertThat(SparseWriter.isAllZero(buf, 0, 0)).isTrue();
    for (int i = 0; i < buf.length; i++) {
      buf[i] = (byte) (i % 2 == 0 ? 1 : 0x80);
      assertThat(SparseWriter.isAllZero(buf, 0, buf.length)).as("byte %d", i).isFalse();
      assertThat(SparseWriter.isAllZero(buf, i, 1)).isFalse();
      assertThat(SparseWriter.isAllZero(buf, 0, i)).isTrue();
      assertThat(SparseWriter.isAllZero(buf, i + 1, buf.length - i - 1)).isTrue();
      buf[i] = 0;
    }
  }

  @Test
  void zerosOf64MiBBecomeHoles() throws Exception {
    Path file = dir.resolve("zeros");
    long size = 64L << 20;
    byte[] zeros = new byte[CHUNK];
    try (SparseWriter writer = SparseWriter.open(file, true)) {
      writer.setLength(size);
      for (long pos = 0; pos < size; pos += CHUNK) {
        assertThat(writer.write(pos, zeros, 0, CHUNK)).isFalse();
      }
    }
    assertThat(Files.size(file)).isEqualTo(size);
    long blocks = Long.parseLong(StatCommand.stat("%b", file));
    long blockSize = Long.parseLong(StatCommand.stat("%B", file));
    assertThat(blocks * blockSize).as("allocated bytes").isLessThan(size / 64);
  }

  @Test
  void mixedContentReadsBackWithHolesInBetween() throws Exception {
    Path file = dir.resolve("mixed");
    byte[] data = new byte[CHUNK];
    new Random(42).nextBytes(data);
    byte[] zeros = new byte[CHUNK];
    long size = 8L * CHUNK + 17;
    try (SparseWriter writer = SparseWriter.open(file, true)) {
      writer.setLength(size);
      // out of order, as restore writes blobs in pack order
      assertThat(writer.write(5L * CHUNK, data, 0, CHUNK)).isTrue();
      assertThat(writer.write(0, data, 3, 100)).isTrue();
      assertThat(writer.write(2L * CHUNK, zeros, 0, CHUNK)).isFalse();
      assertThat(writer.write(8L * CHUNK, data, 0, 17)).isTrue();
      assertThat(writer.size()).isEqualTo(size);
    }
    byte[] read = Files.readAllBytes(file);
    assertThat(read).hasSize((int) size);
    assertThat(Arrays.copyOfRange(read, 0, 100)).isEqualTo(Arrays.copyOfRange(data, 3, 103));
    assertThat(Arrays.copyOfRange(read, 5 * CHUNK, 6 * CHUNK)).isEqualTo(data);
    assertThat(Arrays.copyOfRange(read, 8 * CHUNK, 8 * CHUNK + 17)).isEqualTo(Arrays.copyOf(data, 17));
    assertThat(SparseWriter.isAllZero(read, 100, 5 * CHUNK - 100)).isTrue();
    long allocated = Long.parseLong(StatCommand.stat("%b", file)) * Long.parseLong(StatCommand.stat("%B", file));
    assertThat(allocated).isLessThan(4L * CHUNK);
  }

  @Test
  void denseModeWritesZerosAndSetLengthShrinks() throws Exception {
    Path file = dir.resolve(RawNames.path(new byte[] {'d', (byte) 0xff}));
    try (SparseWriter writer = SparseWriter.open(file, false)) {
      assertThat(writer.write(0, new byte[4096], 0, 4096)).isTrue();
      writer.setLength(10);
      assertThat(writer.size()).isEqualTo(10);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(new byte[10]);
    try (SparseWriter writer = SparseWriter.open(file, true)) { // truncates an existing file
      assertThat(writer.size()).isZero();
    }
  }
}
