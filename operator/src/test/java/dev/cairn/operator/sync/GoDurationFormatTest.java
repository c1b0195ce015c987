package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link GoDuration#format}: Go's {@code Duration.String()}, the form of lastSyncDuration. */
class GoDurationFormatTest {

  private static String format(long nanos) {
    return GoDuration.format(Duration.ofNanos(nanos));
  }

  @Test
  void zeroIsZeroSeconds() {
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void underASecondUsesTheLargestUnitThatFits() {
    assertThat(format(1)).isEqualTo("1ns");
    assertThat(format(999)).isEqualTo("999ns");
    assertThat(format(1_000)).isEqualTo("1µs");
    assertThat(format(1_100)).isEqualTo("1.1µs");
    assertThat(format(999_999)).isEqualTo("999.999µs");
    assertThat(format(2_200_000)).isEqualTo("2.2ms");
    assertThat(format(500_000_000)).isEqualTo("500ms");
    assertThat(format(999_999_999)).isEqualTo("999.999999ms");
  }

  @Test
  void theMicroSignIsU00B5AsGoWritesIt() {
    assertThat(format(1_000)).isEqualTo("1\u00b5s");
  }

  @Test
  void fromASecondOnSecondsCarryTheFractionWithoutTrailingZeros() {
    assertThat(format(1_000_000_000)).isEqualTo("1s");
    assertThat(format(1_500_000_000)).isEqualTo("1.5s");
    assertThat(format(3_300_000_000L)).isEqualTo("3.3s");
    assertThat(format(59_999_999_999L)).isEqualTo("59.999999999s");
    assertThat(format(1_000_000_001)).isEqualTo("1.000000001s");
  }

  @Test
  void minutesAndHoursWriteEveryUnitDownToSeconds() {
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofSeconds(60))).isEqualTo("1m0s");
    assertThat(GoDuration.format(Duration.ofMillis(62_500))).isEqualTo("1m2.5s");
    assertThat(GoDuration.format(Duration.ofMinutes(4).plusMillis(5_001))).isEqualTo("4m5.001s");
    assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofHours(2))).isEqualTo("2h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(3_601))).isEqualTo("1h0m1s");
    assertThat(GoDuration.format(Duration.ofMinutes(8).plusNanos(1)))
        .isEqualTo("8m0.000000001s");
    assertThat(GoDuration.format(Duration.ofHours(5).plusMinutes(6).plusMillis(7_001)))
        .isEqualTo("5h6m7.001s");
    assertThat(GoDuration.format(Duration.ofDays(3))).isEqualTo("72h0m0s");
  }

  @Test
  void negativeDurationsAreSignedOnce() {
    assertThat(format(-1)).isEqualTo("-1ns");
    assertThat(format(-500_000_000)).isEqualTo("-500ms");
    assertThat(format(-1_500_000_000)).isEqualTo("-1.5s");
    assertThat(GoDuration.format(Duration.ofMinutes(-90))).isEqualTo("-1h30m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(-61, 250_000_000))).isEqualTo("-1m0.75s");
  }

  @Test
  void goDurationLimitsAreWrittenExactly() {
    assertThat(format(Long.MAX_VALUE)).isEqualTo("2562047h47m16.854775807s");
    assertThat(format(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
  }

  @Test
  void durationsBeyondGosRangeFollowTheSameRule() {
    assertThat(GoDuration.format(Duration.ofDays(200 * 365L))).isEqualTo("1752000h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
        .isEqualTo("2562047788015215h30m7.999999999s");
    assertThat(GoDuration.format(Duration.ofSeconds(Long.MIN_VALUE + 1)))
        .isEqualTo("-2562047788015215h30m7s");
    assertThat(GoDuration.format(Duration.ofSeconds(Long.MIN_VALUE))) // 2^63 seconds
        .isEqualTo("-2562047788015215h30m8s");
  }

  @Test
  void formatAndParseRoundTrip() {
    for (long nanos : new long[] {0, 1, 1_100, 2_200_000, 1_500_000_000, 62_500_000_000L,
        3_600_000_000_001L, -90_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
      Duration d = Duration.ofNanos(nanos);
      assertThat(GoDuration.parse(GoDuration.format(d))).as("%s", d).isEqualTo(d);
    }
  }
}
