package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Volsync's object names (volsync-reference.md 2.1 and 3.7) and its shortening of Job names
 * longer than 63 characters to the prefix and the CRC-32 of the resource's name (Volsync's
 * {@code GetHashedName}: eight lower-case hex digits, zero-padded).
 */
class MoverNamesTest {
  /** 51 characters: "volsync-src-" + this is exactly 63. */
  private static final String LONGEST_KEPT = "x".repeat(51);

  @Test
  void aSourcesNames() {
    MoverNames n = new MoverNames(Role.SOURCE, "database");
    assertThat(n.job()).isEqualTo("volsync-src-database");
    assertThat(n.cache()).isEqualTo("volsync-src-database-cache");
    assertThat(n.pointInTime()).isEqualTo("volsync-database-src");
    assertThat(n.ownerLabel()).isEqualTo("database");
  }

  @Test
  void aDestinationsNames() {
    MoverNames n = new MoverNames(Role.DESTINATION, "database");
    assertThat(n.job()).isEqualTo("volsync-dst-database");
    assertThat(n.cache()).isEqualTo("volsync-dst-database-cache");
    assertThat(n.destination()).isEqualTo("volsync-database-dest");
    assertThat(n.ownerLabel()).isEqualTo("database");
  }

  @Test
  void theCrc32IsIeeeInEightLowerCaseHexDigits() {
    // the standard check value of CRC-32/IEEE
    assertThat(MoverNames.crc32("123456789")).isEqualTo("cbf43926");
    assertThat(MoverNames.crc32("x".repeat(52))).isEqualTo("dea18d90");
  }

  @Test
  void theCrc32KeepsLeadingZeros() {
    // Volsync formats with %08x: a checksum below 0x10000000 still has eight digits
    assertThat(MoverNames.crc32("a-very-long-replication-source-name-for-the-database-1"))
        .isEqualTo("00ae5372");
  }

  @Test
  void aJobNameOfExactly63CharactersIsKept() {
    String job = new MoverNames(Role.SOURCE, LONGEST_KEPT).job();
    assertThat(job).isEqualTo("volsync-src-" + LONGEST_KEPT).hasSize(63);
  }

  @Test
  void aJobNameOf64CharactersBecomesThePrefixAndTheHashOfTheName() {
    String owner = "x".repeat(52);
    assertThat(new MoverNames(Role.SOURCE, owner).job()).isEqualTo("volsync-src-dea18d90");
    assertThat(new MoverNames(Role.DESTINATION, owner).job()).isEqualTo("volsync-dst-dea18d90");
  }

  @Test
  void aHashedJobNameKeepsTheLeadingZerosOfTheHash() {
    assertThat(new MoverNames(Role.SOURCE,
        "a-very-long-replication-source-name-for-the-database-1").job())
        .isEqualTo("volsync-src-00ae5372");
  }

  @Test
  void onlyTheJobNameIsShortened() {
    // PVC and VolumeSnapshot names may have 253 characters; Volsync does not shorten them
    String owner = "x".repeat(52);
    MoverNames n = new MoverNames(Role.SOURCE, owner);
    assertThat(n.cache()).isEqualTo("volsync-src-" + owner + "-cache");
    assertThat(n.pointInTime()).isEqualTo("volsync-" + owner + "-src");
    assertThat(new MoverNames(Role.DESTINATION, owner).destination())
        .isEqualTo("volsync-" + owner + "-dest");
  }

  @Test
  void theOwnerLabelIsTheNameUpTo63Characters() {
    String owner = "o".repeat(63);
    assertThat(new MoverNames(Role.SOURCE, owner).ownerLabel()).isEqualTo(owner);
  }

  @Test
  void aLongerOwnerLabelIsTheHashOfTheName() {
    assertThat(new MoverNames(Role.SOURCE, "o".repeat(64)).ownerLabel()).isEqualTo("13a71608");
  }

  @Test
  void namesAreAValueOfRoleAndOwner() {
    assertThat(new MoverNames(Role.SOURCE, "a")).isEqualTo(new MoverNames(Role.SOURCE, "a"))
        .isNotEqualTo(new MoverNames(Role.DESTINATION, "a"));
  }
}
