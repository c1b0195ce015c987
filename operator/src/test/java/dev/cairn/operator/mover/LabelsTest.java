package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The label and annotation keys: Volsync's spelling where Volsync has the key (a cluster moving
 * between the two must find its objects and honour its annotations), Cairn's own domain
 * otherwise.
 */
class LabelsTest {
  @Test
  void volsyncsKeysAreSpelledAsVolsyncSpellsThem() {
    assertThat(Labels.CLEANUP).isEqualTo("volsync.backube/cleanup");
    assertThat(Labels.DO_NOT_DELETE).isEqualTo("volsync.backube/do-not-delete");
    assertThat(Labels.PRIVILEGED_MOVERS).isEqualTo("volsync.backube/privileged-movers");
    assertThat(Labels.DEBUG_MOVER).isEqualTo("volsync.backube/enable-debug-mover");
    assertThat(Labels.OWNER).isEqualTo("volsync.backube/owner");
  }

  @Test
  void createdByIsVolsyncsMarkOfItsOwnObjects() {
    assertThat(Labels.CREATED_BY).isEqualTo("app.kubernetes.io/created-by");
    assertThat(Labels.CREATED_BY_VALUE).isEqualTo("volsync");
  }

  @Test
  void managedBySaysWhichControllerMadeIt() {
    assertThat(Labels.MANAGED_BY).isEqualTo("app.kubernetes.io/managed-by");
    assertThat(Labels.MANAGED_BY_VALUE).isEqualTo("cairn");
  }

  @Test
  void cairnsOwnAnnotationsAreInCairnsDomain() {
    assertThat(Labels.START_JITTER).isEqualTo("cairn.dev/start-jitter");
    assertThat(Labels.MAX_RETRIES).isEqualTo("cairn.dev/max-retries");
  }

  @Test
  void everyKeyIsAValidQualifiedName() {
    // prefix (a DNS subdomain) / name (at most 63 characters of [A-Za-z0-9._-])
    for (String key : new String[] {Labels.CLEANUP, Labels.OWNER, Labels.DO_NOT_DELETE,
        Labels.CREATED_BY, Labels.MANAGED_BY, Labels.PRIVILEGED_MOVERS, Labels.DEBUG_MOVER,
        Labels.START_JITTER, Labels.MAX_RETRIES}) {
      assertThat(key).matches("[a-z0-9.-]+/[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    }
  }
}
