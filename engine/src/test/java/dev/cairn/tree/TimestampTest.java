package dev.cairn.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Go RFC3339Nano formatting and parsing (restic-format.md §7.4). */
class TimestampTest {
  @Test
  void goStringAsRestic014PrintsTimesInText() {
    java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
    org.assertj.core.api.Assertions.assertThat(
        Timestamp.parse("2026-11-26T19:58:22.698757242Z").goString(berlin))
        .isEqualTo("2026-11-26 19:58:22.698757242 +0000 UTC");
    org.assertj.core.api.Assertions.assertThat(
        Timestamp.parse("2026-11-26T20:58:05+01:00").goString(berlin))
        .isEqualTo("2026-11-26 20:58:05 +0100 CET");
    org.assertj.core.api.Assertions.assertThat(
        Timestamp.parse("2026-07-01T08:00:00.5-07:00").goString(berlin))
        .isEqualTo("2026-07-01 08:00:00.5 -0700 -0700");
  }

  @Test
  void formatsLikeGo() {
    Instant t = Instant.parse("2024-01-02T03:04:05.123456789Z");
    assertThat(Timestamp.ofUtc(t).format()).isEqualTo("2024-01-02T03:04:05.123456789Z");
    assertThat(Timestamp.ofUtc(Instant.parse("2026-11-26T15:31:27.017633520Z")).format())
        .as("trailing zeros trimmed")
        .isEqualTo("2026-11-26T15:31:27.01763352Z");
    assertThat(Timestamp.ofUtc(Instant.parse("2021-02-27T21:00:20.510Z")).format())
        .isEqualTo("2021-02-27T21:00:20.51Z");
    assertThat(Timestamp.ofUtc(Instant.parse("2021-02-27T21:00:20Z")).format())
        .as("no fraction when zero")
        .isEqualTo("2021-02-27T21:00:20Z");
    assertThat(Timestamp.GO_ZERO.format()).isEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void rendersInTheGivenZone() {
    Instant t = Instant.parse("2021-02-27T21:00:20.510Z");
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(Timestamp.of(t, berlin).format()).isEqualTo("2021-02-27T22:00:20.51+01:00");
    assertThat(Timestamp.of(Instant.parse("2021-07-01T00:00:00Z"), berlin).format())
        .isEqualTo("2021-07-01T02:00:00+02:00");
    assertThat(Timestamp.of(t, ZoneId.of("America/St_Johns")).format())
        .isEqualTo("2021-02-27T17:30:20.51-03:30");
    assertThat(Timestamp.of(t, ZoneOffset.UTC).format()).endsWith("Z");
  }

  @Test
  void parsesAndKeepsTheOffset() {
    Timestamp t = Timestamp.parse("2015-01-02T18:10:50.895208559+01:00");
    assertThat(t.offsetSeconds()).isEqualTo(3600);
    assertThat(t.nano()).isEqualTo(895208559);
    assertThat(t.toInstant()).isEqualTo(Instant.parse("2015-01-02T17:10:50.895208559Z"));
    assertThat(t.format()).isEqualTo("2015-01-02T18:10:50.895208559+01:00");

    Timestamp frac = Timestamp.parse("2021-02-27T23:28:52.9765317+01:00");
    assertThat(frac.nano()).isEqualTo(976531700);
    assertThat(frac.format()).isEqualTo("2021-02-27T23:28:52.9765317+01:00");

    Timestamp west = Timestamp.parse("1999-12-31T23:59:59-08:00");
    assertThat(west.toInstant()).isEqualTo(Instant.parse("2000-01-01T07:59:59Z"));
    assertThat(west.format()).isEqualTo("1999-12-31T23:59:59-08:00");
  }

  @Test
  void sameInstantInOtherZoneIsNotEqual() {
    assertThat(Timestamp.parse("2021-02-27T22:00:00+01:00").toInstant())
        .isEqualTo(Timestamp.parse("2021-02-27T21:00:00Z").toInstant());
    assertThat(Timestamp.parse("2021-02-27T22:00:00+01:00"))
        .isNotEqualTo(Timestamp.parse("2021-02-27T21:00:00Z"));
  }

  @Test
  void rejectsMalformedTimes() {
    for (String bad : new String[] {"", "2021-02-27", "2021-02-27T22:00:00", "2021-02-27T22:00:00.Z",
        "2021-02-27T22:00:00.1234567891Z", "2021-02-27T22:00:00+0100", "2021-13-27T22:00:00Z",
        "2021-02-27T22:00:00Zx"}) {
      assertThatThrownBy(() -> Timestamp.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesYearsGoCannotMarshal() {
    Timestamp farFuture = Timestamp.ofUtc(Instant.parse("+10000-01-01T00:00:00Z"));
    assertThatThrownBy(farFuture::format).isInstanceOf(IllegalArgumentException.class);
  }
}
