package dev.cairn.cli.mover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.snapshot.KeepDuration;
import dev.cairn.snapshot.KeepPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FORGET_OPTIONS as Volsync's controller writes it. */
class ForgetOptionsTest {
  @Test
  void volsyncsStringBecomesThePolicy() {
    KeepPolicy p = ForgetOptions.parse(" --keep-hourly 24 --keep-daily 7 --keep-within 2y5m7d3h"
        + " --keep-last 5");
    assertThat(p.hourly()).isEqualTo(24);
    assertThat(p.daily()).isEqualTo(7);
    assertThat(p.last()).isEqualTo(5);
    assertThat(p.within()).isEqualTo(KeepDuration.parse("2y5m7d3h"));
  }

  @Test
  void emptyMeansKeepLastOneAsVolsync() {
    assertThat(ForgetOptions.parse("")).isEqualTo(ForgetOptions.KEEP_LAST_ONE);
    assertThat(ForgetOptions.parse(null).last()).isEqualTo(1);
  }

  @Test
  void equalsFormsAndTagsAreAccepted() {
    KeepPolicy p = ForgetOptions.parse("--keep-weekly=4 --keep-tag a,b --keep-yearly -1");
    assertThat(p.weekly()).isEqualTo(4);
    assertThat(p.yearly()).isEqualTo(-1);
    assertThat(p.keepTags()).containsExactly(List.of("a", "b"));
  }

  @Test
  void anythingElseIsNamed() {
    assertThatThrownBy(() -> ForgetOptions.parse("--prune"))
        .hasMessageContaining("\"--prune\" is not a --keep-* option");
    assertThatThrownBy(() -> ForgetOptions.parse("--keep-hourly"))
        .hasMessageContaining("--keep-hourly needs a value");
    assertThatThrownBy(() -> ForgetOptions.parse("--keep-daily seven"))
        .hasMessageContaining("--keep-daily \"seven\"");
    assertThatThrownBy(() -> ForgetOptions.parse("--keep-fortnightly 2"))
        .hasMessageContaining("unknown option --keep-fortnightly");
  }
}
