package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import org.junit.jupiter.api.Test;

/** The restore environment a destination's spec gives, as Volsync's controller sets it. */
class RestoreSelectionTest {
  static ResticDestinationSpec spec(Integer previous, String asOf, Boolean deletion) {
    return new ResticDestinationSpec(null, null, null, null, null, null, null, "secret", null,
        null, null, null, null, previous, asOf, deletion, null, null, null, null, null, null);
  }

  @Test
  void anEmptySpecTakesTheNewestAndDeletesNothing() {
    RestoreSelection s = RestoreSelection.of(spec(null, null, null));
    assertThat(s).isEqualTo(new RestoreSelection("", "0", ""));
    assertThat(s.describe()).isEqualTo("the newest snapshot");
    assertThat(RestoreSelection.of(spec(0, "", false))).isEqualTo(s);
  }

  @Test
  void restoreAsOfPreviousAndFileDeletionPassThrough() {
    RestoreSelection s = RestoreSelection.of(spec(2, "2026-05-06T07:08:09+02:00", true));
    assertThat(s).isEqualTo(new RestoreSelection("2026-05-06T07:08:09+02:00", "2", "--delete"));
    assertThat(s.describe())
        .isEqualTo("the newest snapshot at or before 2026-05-06T07:08:09+02:00, 2 back");
    assertThat(RestoreSelection.of(spec(null, "2026-05-06T07:08:09.5Z", null)).restoreAsOf())
        .isEqualTo("2026-05-06T07:08:09.5Z");
  }

  @Test
  void aTimeThatIsNotRfc3339OrANegativeCountNamesTheField() {
    assertThatThrownBy(() -> RestoreSelection.of(spec(null, "yesterday", null)))
        .hasMessage("spec.restic.restoreAsOf \"yesterday\" is not an RFC 3339 time"
            + " (e.g. 2026-05-06T07:08:09Z)");
    assertThatThrownBy(() -> RestoreSelection.of(spec(null, "2026-05-06T07:08:09", null)))
        .hasMessageContaining("not an RFC 3339 time");
    assertThatThrownBy(() -> RestoreSelection.of(spec(-1, null, null)))
        .hasMessageStartingWith("spec.restic.previous -1 is negative");
  }
}
