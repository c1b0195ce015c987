package dev.cairn.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolInputStreamTest {
  @TempDir Path dir;

  private Path spool(byte[] data) throws Exception {
    Path file = dir.resolve("spool");
    Files.write(file, data);
    return file;
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void streamsTheFirstBytesAndLeavesThePositionAlone() throws Exception {
    byte[] data = bytes(300_000);
    try (FileChannel ch = FileChannel.open(spool(data), StandardOpenOption.READ)) {
      ch.position(1234);
      try (InputStream in = new SpoolInputStream(ch, 200_000)) {
        assertThat(in.available()).isEqualTo(200_000);
        assertThat(in.read()).isEqualTo(data[0] & 0xff);
        assertThat(in.skip(9)).isEqualTo(9);
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 10, 200_000));
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.skip(5)).isZero();
      }
      assertThat(ch.position()).isEqualTo(1234);
      assertThat(ch.isOpen()).isTrue();
    }
  }

  @Test
  void twoStreamsReadTheSameChannelIndependently() throws Exception {
    byte[] data = bytes(100_000);
    try (FileChannel ch = FileChannel.open(spool(data), StandardOpenOption.READ)) {
      InputStream a = new SpoolInputStream(ch, data.length);
      InputStream b = new SpoolInputStream(ch, data.length);
      assertThat(a.readNBytes(50_000)).isEqualTo(Arrays.copyOf(data, 50_000));
      assertThat(b.readAllBytes()).isEqualTo(data);
      assertThat(a.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 50_000, data.length));
    }
  }

  @Test
  void aShortFileIsAnErrorNotAShortBody() throws Exception {
    try (FileChannel ch = FileChannel.open(spool(bytes(1000)), StandardOpenOption.READ)) {
      InputStream in = new SpoolInputStream(ch, 1500);
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("ends at byte 1000, 1500 expected");
    }
  }

  @Test
  void anEmptySliceEndsAtOnce() throws Exception {
    try (FileChannel ch = FileChannel.open(spool(bytes(10)), StandardOpenOption.READ)) {
      assertThat(new SpoolInputStream(ch, 0).read(new byte[4], 0, 4)).isEqualTo(-1);
      assertThatThrownBy(() -> new SpoolInputStream(ch, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
