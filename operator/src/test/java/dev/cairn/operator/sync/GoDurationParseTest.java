package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link GoDuration#parse}: Go's {@code time.ParseDuration}, its range, rounding and messages. */
class GoDurationParseTest {

  private static long nanos(String s) {
    return GoDuration.parse(s).toNanos();
  }

  @Test
  void unitsCombineInAnyOrder() {
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
    assertThat(GoDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDuration.parse("1m1h")).isEqualTo(Duration.ofMinutes(61));
    assertThat(GoDuration.parse("1h1h")).isEqualTo(Duration.ofHours(2));
    assertThat(GoDuration.parse("1h2m3s4ms5us6ns")).isEqualTo(Duration.ofNanos(
        3_723_004_005_006L));
  }

  @Test
  void everyUnitGoKnowsIsRead() {
    assertThat(nanos("7ns")).isEqualTo(7);
    assertThat(nanos("7us")).isEqualTo(7_000);
    assertThat(nanos("7\u00b5s")).isEqualTo(7_000); // micro sign
    assertThat(nanos("7\u03bcs")).isEqualTo(7_000); // Greek mu
    assertThat(nanos("7ms")).isEqualTo(7_000_000);
    assertThat(nanos("7s")).isEqualTo(7_000_000_000L);
    assertThat(nanos("7m")).isEqualTo(420_000_000_000L);
    assertThat(nanos("7h")).isEqualTo(25_200_000_000_000L);
  }

  @Test
  void fractionsAreReadForEveryUnit() {
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("0.1s")).isEqualTo(Duration.ofMillis(100));
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("5.s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(GoDuration.parse("1.004s")).isEqualTo(Duration.ofMillis(1_004));
    assertThat(nanos("1.1us")).isEqualTo(1_100);
    assertThat(nanos("0.000000001s")).isEqualTo(1);
  }

  @Test
  void fractionsBelowANanosecondAreTruncatedAsGoDoes() {
    assertThat(nanos("0.0000000009s")).isZero();
    assertThat(nanos("1.0000000005s")).isEqualTo(1_000_000_000);
    assertThat(nanos("1.9999999999s")).isEqualTo(1_999_999_999);
    assertThat(nanos("1.5ns")).isEqualTo(1);
  }

  @Test
  void longFractionsOfHoursAreNanosecondAccurate() {
    assertThat(GoDuration.parse("0.3333333333333333333h")).isEqualTo(Duration.ofMinutes(20));
    assertThat(GoDuration.parse("1.1111111111111111111h"))
        .isEqualTo(Duration.ofSeconds(4_000));
  }

  @Test
  void aFractionOfExactlyTwoToTheSixtyThirdCountsAndLaterDigitsAreIgnoredAsInGo() {
    // Go reads the 19 digits 9223372036854775808 as 2^63 and stops adding precision after
    // them; 2^63 - 1 becomes the same double
    Duration expected = Duration.ofNanos(3_320_413_933_267L); // 2^63 * 3600e9 / 1e19, truncated
    assertThat(GoDuration.parse("0.9223372036854775808h")).isEqualTo(expected);
    assertThat(GoDuration.parse("0.92233720368547758089h")).isEqualTo(expected);
    assertThat(GoDuration.parse("0.9223372036854775807h")).isEqualTo(expected);
    assertThat(GoDuration.parse("0.92233720368547758079h")).isEqualTo(expected);
  }

  @Test
  void aSignAppliesToTheWholeDuration() {
    assertThat(GoDuration.parse("-1.5h")).isEqualTo(Duration.ofMinutes(-90));
    assertThat(GoDuration.parse("-1h30m")).isEqualTo(Duration.ofMinutes(-90));
    assertThat(GoDuration.parse("+90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("-300ms")).isEqualTo(Duration.ofMillis(-300));
  }

  @Test
  void aBareZeroNeedsNoUnit() {
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("-0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("+0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("0s")).isEqualTo(Duration.ZERO);
  }

  @Test
  void theRangeIsASigned64BitCountOfNanoseconds() {
    assertThat(nanos("9223372036854775807ns")).isEqualTo(Long.MAX_VALUE);
    assertThat(nanos("2562047h47m16.854775807s")).isEqualTo(Long.MAX_VALUE);
    assertThat(nanos("-9223372036854775808ns")).isEqualTo(Long.MIN_VALUE);
    assertThat(nanos("-2562047h47m16.854775808s")).isEqualTo(Long.MIN_VALUE);
    assertInvalid("9223372036854775808ns");
    assertInvalid("2562047h47m16.854775808s");
    assertInvalid("2562048h");
    assertInvalid("-2562048h");
    assertInvalid("18446744073709551616ns");
    // Go's unsigned sum wraps to zero here and accepts it; the sum is checked instead
    assertInvalid("9223372036854775808ns9223372036854775808ns");
    assertInvalid("99999999999999999999s");
    assertInvalid("1500000h1500000h"); // each fits, the sum does not
  }

  @Test
  void aNumberWithoutAUnitIsRefusedWithGosMessage() {
    assertThatThrownBy(() -> GoDuration.parse("3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time: missing unit in duration \"3\"");
    assertThatThrownBy(() -> GoDuration.parse("1h30"))
        .hasMessage("time: missing unit in duration \"1h30\"");
  }

  @Test
  void anUnknownUnitIsNamedInTheMessage() {
    assertThatThrownBy(() -> GoDuration.parse("1d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    assertThatThrownBy(() -> GoDuration.parse("5 s"))
        .hasMessage("time: unknown unit \" s\" in duration \"5 s\"");
    assertThatThrownBy(() -> GoDuration.parse("1H"))
        .hasMessage("time: unknown unit \"H\" in duration \"1H\"");
    // a unit runs up to the next digit or point, so a sign inside is part of it
    assertThatThrownBy(() -> GoDuration.parse("1h-30m"))
        .hasMessage("time: unknown unit \"h-\" in duration \"1h-30m\"");
  }

  @Test
  void malformedStringsAreInvalid() {
    assertInvalid("");
    assertInvalid("-");
    assertInvalid("+");
    assertInvalid(".");
    assertInvalid(".s");
    assertInvalid("-.s");
    assertInvalid("h");
    assertInvalid("--1s");
    assertInvalid(" 1s");
  }

  private static void assertInvalid(String s) {
    assertThatThrownBy(() -> GoDuration.parse(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time: invalid duration \"" + s + "\"");
  }
}
