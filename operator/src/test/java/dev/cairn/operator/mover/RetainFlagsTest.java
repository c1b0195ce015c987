package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.RetainPolicy;
import org.junit.jupiter.api.Test;

/**
 * {@code FORGET_OPTIONS} character for character as Volsync's {@code generateForgetOptions}
 * writes it (volsync-reference.md 2.3): each set flag preceded by one space (so a non-default
 * value starts with a space), in the order hourly, daily, weekly, monthly, yearly, within, last;
 * {@code --keep-last 1}, without a leading space, when nothing is set.
 */
class RetainFlagsTest {
  private static RetainPolicy policy(Integer hourly, Integer daily, Integer weekly,
      Integer monthly, Integer yearly, String within, String last) {
    return new RetainPolicy(hourly, daily, weekly, monthly, yearly, within, last);
  }

  @Test
  void noPolicyKeepsTheLastSnapshot() {
    assertThat(RetainFlags.of(null)).isEqualTo("--keep-last 1");
  }

  @Test
  void anEmptyPolicyAlsoKeepsTheLastSnapshot() {
    assertThat(RetainFlags.of(policy(null, null, null, null, null, null, null)))
        .isEqualTo("--keep-last 1");
  }

  @Test
  void hourlyAndDailyAsInTheSeedManifest() {
    assertThat(RetainFlags.of(policy(24, 7, null, null, null, null, null)))
        .isEqualTo(" --keep-hourly 24 --keep-daily 7");
  }

  @Test
  void everyFieldInVolsyncsOrder() {
    assertThat(RetainFlags.of(policy(1, 2, 3, 4, 5, "3w15h", "10")))
        .isEqualTo(" --keep-hourly 1 --keep-daily 2 --keep-weekly 3 --keep-monthly 4"
            + " --keep-yearly 5 --keep-within 3w15h --keep-last 10");
  }

  @Test
  void theOrderDoesNotDependOnWhichFieldsAreSet() {
    assertThat(RetainFlags.of(policy(null, null, 4, null, 2, null, "5")))
        .isEqualTo(" --keep-weekly 4 --keep-yearly 2 --keep-last 5");
    assertThat(RetainFlags.of(policy(null, 7, null, 12, null, "1y", null)))
        .isEqualTo(" --keep-daily 7 --keep-monthly 12 --keep-within 1y");
  }

  @Test
  void lastAloneIsPassedAsWritten() {
    // retain.last is a string in Volsync's API and is copied verbatim
    assertThat(RetainFlags.of(policy(null, null, null, null, null, null, "3")))
        .isEqualTo(" --keep-last 3");
  }

  @Test
  void lastOneGivenExplicitlyHasTheLeadingSpace() {
    assertThat(RetainFlags.of(policy(null, null, null, null, null, null, "1")))
        .isEqualTo(" --keep-last 1");
  }

  @Test
  void withinAloneIsPassedAsWritten() {
    assertThat(RetainFlags.of(policy(null, null, null, null, null, "2y5m7d3h", null)))
        .isEqualTo(" --keep-within 2y5m7d3h");
  }

  @Test
  void aZeroCountIsSetAndPassed() {
    // a pointer to 0 is not nil in Volsync: the flag is written
    assertThat(RetainFlags.of(policy(0, null, null, null, null, null, null)))
        .isEqualTo(" --keep-hourly 0");
  }
}
