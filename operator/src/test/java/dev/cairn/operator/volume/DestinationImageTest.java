package dev.cairn.operator.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The names and references of a destination's image, as Volsync writes them. */
class DestinationImageTest {
  @Test
  void theSnapshotIsNamedAfterThePvcAndTheSecondInUtc() {
    assertThat(DestinationImage.snapshotName("volsync-app-dst-dest",
        Instant.parse("2026-03-04T05:06:07.890Z")))
        .isEqualTo("volsync-app-dst-dest-20260304050607");
  }

  @Test
  void aClaimHasTheCoreGroupASnapshotItsOwn() {
    var claim = DestinationImage.ofClaim("data");
    assertThat(claim.getApiGroup()).isEmpty();
    assertThat(claim.getKind()).isEqualTo("PersistentVolumeClaim");
    assertThat(claim.getName()).isEqualTo("data");
    var snapshot = DestinationImage.ofSnapshot("data-20260304050607");
    assertThat(snapshot.getApiGroup()).isEqualTo("snapshot.storage.k8s.io");
    assertThat(snapshot.getKind()).isEqualTo("VolumeSnapshot");
  }

  @Test
  void aNewImageNeverTakesTheNameOfTheOneItReplaces() {
    Instant t = Instant.parse("2026-03-04T05:06:07Z");
    assertThat(DestinationImage.nextName("data", t, null)).isEqualTo("data-20260304050607");
    assertThat(DestinationImage.nextName("data", t, DestinationImage.ofSnapshot("data-1")))
        .isEqualTo("data-20260304050607");
    assertThat(DestinationImage.nextName("data", t,
        DestinationImage.ofSnapshot("data-20260304050607"))).isEqualTo("data-20260304050608");
  }
}
