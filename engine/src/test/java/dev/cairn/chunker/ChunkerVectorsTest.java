package dev.cairn.chunker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.Id;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vectors produced by the real Go chunker (github.com/restic/chunker @ ac4c622), copied from
 * fixtures/restic/chunker-vectors.txt.
 */
class ChunkerVectorsTest {

  /** One expected chunk: length, cut fingerprint, sha256 of its bytes. */
  record Expected(int length, long cut, String sha256) {}

  static final Polynomial POL_A = Polynomial.parse("3da3358b4dc173");
  static final Polynomial POL_B = Polynomial.parse("223e068c3cb3a3");

  static final int INPUT_SIZE = 16 << 20;
  static final String INPUT_SHA256 =
      "487de41bd45439d5263e5cd3281e858489992d88acb1638477d118e4abf3ad1a";
  static final String FIRST16 = "afcd1d7b39a820e2f465b9a16a9e786e";

  static final Expected[] SPLITMIX_POL_A = {
      new Expected(1285841, 0x001b22f289c00000L,
          "0c9722f1466328d522e24f6602dff1054317d580ebd2bad4cbac3410f5f8384e"),
      new Expected(609147, 0x0013255408800000L,
          "cfd4d851001017cf4ce45fcef3935b17258c6d38a7cff31b88781fb713e21443"),
      new Expected(536277, 0x00067c55bfe00000L,
          "bdac4a60a7253046742e9e3fee0487afb86269b9dc367883da01d16347526c1c"),
      new Expected(939814, 0x0019f08788600000L,
          "ff55a781405bb08c7038e371bce470a199ef2706b9980f73f17eac616124bb37"),
      new Expected(759094, 0x0012f7d072400000L,
          "a713feee7ab742228fab2e5aafed09f06c0c063c004de1c43ea11ce9ac28584a"),
      new Expected(1146182, 0x00078b3e06200000L,
          "42d1f80774010719cdbd4052e5611e10dd0fb90203611ce3e3bcfe75a69f4463"),
      new Expected(2257240, 0x001362cb78100000L,
          "fdc243c093fa9fb18f1c6ec648304722e3f2d2485c8e742c6488f7deef95ceee"),
      new Expected(1210894, 0x0011f69779400000L,
          "d9d1df4238181fb2af5953766dc67d13a2f7cef432c01e0a0a494fb6490035dc"),
      new Expected(631848, 0x001cdf4fb4300000L,
          "639a98bea14b0b7e70e2e09f6020fb991fe82035b02c612d40b1824bc1659452"),
      new Expected(864506, 0x00049d2871000000L,
          "fda7c6682b268a1630d0b96e8712afd593a4bdc735061062fa078363416f63c1"),
      new Expected(3818237, 0x00113e9328000000L,
          "8bc1ef424081f76294f7a3e0271220e1ca96082011eea6edda32b1ac154f1731"),
      new Expected(2152464, 0x00050889daf00000L,
          "e73c97e2ac0f67741010c7f137fd45962fb6378d2686dc266d9782d85a7936e0"),
      new Expected(565672, 0x000bd096123bcc77L,
          "455e213687b7b052ce1402be97a1449c5ea1e0e8c2147ffd4ac5bd0842959316"),
  };

  static final Expected[] SPLITMIX_POL_B = {
      new Expected(2904625, 0x0004d237f6000000L,
          "81480f553be6feb4606db9f3c3e92483653c813d99d3e838bb1e015c9f96fc93"),
      new Expected(1245874, 0x001373384eb00000L,
          "2940fc17edb585d3c3abc6aa1ac8c7bc78b1b835b59b7adcebd7871037841ee2"),
      new Expected(2121041, 0x001f1a9d47d00000L,
          "70b8c61fc358bb273566bd787f8249f08e418aa7dbe5cf82ad296ce634a05e58"),
      new Expected(2108736, 0x0005439b10300000L,
          "c5f93521f32cdbf935644a898d75e5e0a0e9b6a1a32301a1ab8fbb2e18cce189"),
      new Expected(1071612, 0x000fdf7369600000L,
          "e15c2cd8e45907935d413e5b47be014c9ac8a3c478608cd6599fda442a61982b"),
      new Expected(530695, 0x000990f43e100000L,
          "81a0a80efc7917c2f18482993df07cc5f3b0b67e5d9b54fa30a46af0258ccdf6"),
      new Expected(1076268, 0x001beb30e7200000L,
          "ebf3685fa0c2773b5eb79f629894a097085c86a57db678d173afcf970265d81f"),
      new Expected(626705, 0x001cd9364d800000L,
          "9f5358062fc90bf3a8a82eb9dfafd85d1b51ea48b2fe3951e8aae4d1a5201526"),
      new Expected(696986, 0x00082ee7eee00000L,
          "96a0add57547047129e82b72e32e8dbf919b13c5c662544eccfda764c3de68e5"),
      new Expected(893778, 0x0003e46974d00000L,
          "22cec67d71120b5c7d498e4b4876fdcd615a7004e3afaae4868722ac71f19eb6"),
      new Expected(2083730, 0x000a6cf552d00000L,
          "fad399d0df82909ef3137dfa2de90f46c744701b97b6459c03e649352b32bb9e"),
      new Expected(1238053, 0x001365c48e000000L,
          "5d7a0258997872d82170e52374d0e710f7fb989f15551bd5c36255b1350c6c58"),
      new Expected(179113, 0x0000000000000001L,
          "e40b40d41c5caca0daed3c9aca5d0b92de2178039f78b70263b716601d516385"),
  };

  static final Expected[] PREFIX_600000 = {
      new Expected(600000, 0x000308d80962c5faL,
          "e0dc9003dd37b5f9c10aec78a19186e3f3ef3b1afe9594e45a40b59e9bf21be7"),
  };

  static final Expected[] PREFIX_100 = {
      new Expected(100, 0x0000000000000001L,
          "b859c4bd1232b653344946be27cbff9a7d2d6c92bf16a15049bae496eb0adea2"),
  };

  static final int ZERO_SIZE = 9 << 20;
  static final String ZERO_CHUNK_SHA256 =
      "07854d2fef297a06ba81685e660c332de36d5d18d546927d30daad6d7fda1541";

  static final byte[] INPUT = SplitMix64.bytes(0, INPUT_SIZE);

  /** Chunks {@code data} and records (start, length, cut, sha256) of every chunk. */
  static List<Expected> chunk(Chunker c, byte[] data, List<Long> starts) throws IOException {
    c.reset(new ByteArrayInputStream(data));
    byte[] dst = new byte[Chunker.MAX_SIZE];
    List<Expected> got = new ArrayList<>();
    int n;
    while ((n = c.next(dst)) >= 0) {
      starts.add(c.lastStart());
      got.add(new Expected(n, c.lastCut(), Id.hash(dst, 0, n).hex()));
    }
    return got;
  }

  static void assertChunks(Polynomial pol, byte[] data, Expected[] want) throws IOException {
    List<Long> starts = new ArrayList<>();
    List<Expected> got = chunk(new Chunker(pol), data, starts);
    assertThat(got).containsExactly(want);
    long pos = 0;
    for (int i = 0; i < want.length; i++) {
      assertThat(starts.get(i)).isEqualTo(pos);
      pos += want[i].length();
    }
    assertThat(pos).isEqualTo(data.length);
  }

  @Test
  void inputIsTheFixtureStream() {
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      first.append(String.format("%02x", INPUT[i]));
    }
    assertThat(first.toString()).isEqualTo(FIRST16);
    assertThat(Id.hash(INPUT).hex()).isEqualTo(INPUT_SHA256);
  }

  @Test
  void splitMix16MiBWithTestPolynomial() throws IOException {
    assertChunks(POL_A, INPUT, SPLITMIX_POL_A);
  }

  @Test
  void splitMix16MiBWithSecondPolynomial() throws IOException {
    assertChunks(POL_B, INPUT, SPLITMIX_POL_B);
  }

  @Test
  void prefixShorterThanMinSizePlusWindowIsOneChunk() throws IOException {
    assertChunks(POL_A, Arrays.copyOf(INPUT, 600000), PREFIX_600000);
    assertChunks(POL_A, Arrays.copyOf(INPUT, 100), PREFIX_100);
  }

  @Test
  void zerosGiveMinSizeChunksWithCutZero() throws IOException {
    Expected[] want = new Expected[ZERO_SIZE / Chunker.MIN_SIZE];
    Arrays.fill(want, new Expected(Chunker.MIN_SIZE, 0, ZERO_CHUNK_SHA256));
    assertThat(want).hasSize(18);
    assertChunks(POL_A, new byte[ZERO_SIZE], want);
  }

  @Test
  void emptyInputGivesNoChunk() throws IOException {
    assertChunks(POL_A, new byte[0], new Expected[0]);
  }
}
