package dev.cairn.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** restic's size format, rounded as Go's {@code %.3f} rounds. */
class UnitsTest {
  @Test
  void sizesRoundHalfToEvenAsGoDoes() {
    assertThat(Units.bytes(2368)).isEqualTo("2.312 KiB"); // 2.3125 exactly: Go rounds to even
    assertThat(Units.bytes(2369)).isEqualTo("2.313 KiB");
    assertThat(Units.bytes(1023)).isEqualTo("1023 B");
    assertThat(Units.bytes(1024)).isEqualTo("1.000 KiB");
    assertThat(Units.bytes(3L << 30)).isEqualTo("3.000 GiB");
    assertThat(Units.bytes((5L << 20) + (1L << 20) / 16 * 9)).isEqualTo("5.562 MiB"); // 5.5625
  }
}
