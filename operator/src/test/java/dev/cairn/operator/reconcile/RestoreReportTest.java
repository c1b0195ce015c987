package dev.cairn.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.volume.DestinationImage;
import dev.cairn.operator.volume.SpecException;
import org.junit.jupiter.api.Test;

/**
 * What a destination reports after a restore, from the mover's result only: what was restored,
 * that nothing was (an empty repository), or why it failed; and which copy methods it accepts.
 */
class RestoreReportTest {
  static final String ID = "907e262286fe7ad697804fe64c2538f9fceb4d59ea803858c562c9606b1f194c";

  static MoverOutcome result(String json) {
    return MoverOutcome.parse(json).orElseThrow();
  }

  @Test
  void aRestoredSnapshotIsNamedWithItsTimeVolumeAndImage() {
    MoverOutcome ok = result("{\"outcome\":\"ok\",\"exit_code\":0,\"message\":\"restored\","
        + "\"done\":[\"restore\"],\"restore\":{\"snapshot_id\":\"" + ID + "\","
        + "\"snapshot_time\":\"2026-03-01T10:00:02.5Z\",\"files\":12}}");
    RestoreReport r = RestoreReport.of(ok, "volsync-app-dst-dest",
        DestinationImage.ofSnapshot("volsync-app-dst-dest-20260301110000"));
    assertThat(r.restored()).isTrue();
    assertThat(r.reason()).isEqualTo("Restored");
    assertThat(r.message()).isEqualTo("restored snapshot 907e2622 taken 2026-03-01T10:00:02.5Z"
        + " into PersistentVolumeClaim volsync-app-dst-dest, image VolumeSnapshot"
        + " volsync-app-dst-dest-20260301110000: 12 files");
    assertThat(r.snapshotId()).isEqualTo(ID);
    assertThat(r.snapshotTime()).isEqualTo("2026-03-01T10:00:02.5Z");
    assertThat(RestoreReport.of(ok, "data", DestinationImage.ofClaim("data")).message())
        .isEqualTo("restored snapshot 907e2622 taken 2026-03-01T10:00:02.5Z into"
            + " PersistentVolumeClaim data: 12 files");
  }

  @Test
  void anEmptyRepositorySucceedsButSaysNothingWasRestored() {
    MoverOutcome empty = result("{\"outcome\":\"skipped-empty\",\"exit_code\":0,"
        + "\"message\":\"the repository has no snapshot: nothing restored\","
        + "\"done\":[\"restore\"],\"restore\":{\"snapshot_id\":null}}");
    RestoreReport r = RestoreReport.of(empty, "data", DestinationImage.ofClaim("data"));
    assertThat(r.restored()).isFalse();
    assertThat(r.reason()).isEqualTo("NothingRestored");
    assertThat(r.message()).isEqualTo("the repository has no snapshot: nothing was restored"
        + " into PersistentVolumeClaim data (a new application's first start)");
    assertThat(r.snapshotId()).isNull();
  }

  @Test
  void aFailureNamesItsClassAndTheMoversMessage() {
    MoverOutcome failed = result("{\"outcome\":\"no-snapshot\",\"exit_code\":3,"
        + "\"message\":\"no snapshot of /data matches RESTORE_AS_OF=2026-01-01T00:00:00Z\","
        + "\"done\":[]}");
    RestoreReport r = RestoreReport.of(failed, "data", null);
    assertThat(r.restored()).isFalse();
    assertThat(r.reason()).isEqualTo("NoSnapshot");
    assertThat(r.message()).isEqualTo("nothing restored into PersistentVolumeClaim data: no"
        + " snapshot of /data matches RESTORE_AS_OF=2026-01-01T00:00:00Z");
    assertThat(RestoreReport.of(MoverOutcome.failed("pod lost"), "data", null).reason())
        .isEqualTo("Failed");
  }

  @Test
  void aDestinationTakesDirectNoneOrSnapshotOnly() {
    assertThat(DestinationKind.method(copying(null)).name())
        .isEqualTo("Direct");
    assertThat(DestinationKind.method(copying("None")).name())
        .isEqualTo("Direct");
    assertThat(DestinationKind.method(copying("Snapshot")).name())
        .isEqualTo("Snapshot");
    assertThatThrownBy(() -> DestinationKind.method(copying("Clone")))
        .isInstanceOf(SpecException.class).hasMessage("spec.restic.copyMethod Clone is not"
            + " supported by a ReplicationDestination: it must be Direct, None or Snapshot");
    assertThatThrownBy(() -> DestinationKind.method(copying("Copy")))
        .isInstanceOf(SpecException.class).hasMessageContaining("\"Copy\"");
  }

  /** A destination spec that names only its copy method and repository. */
  static ResticDestinationSpec copying(String copyMethod) {
    return new ResticDestinationSpec(copyMethod, null, null, null, null, null, null, "secret",
        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
