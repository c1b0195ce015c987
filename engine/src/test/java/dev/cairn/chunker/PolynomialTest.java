package dev.cairn.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PolynomialTest {

  private static final Polynomial TEST_POL = Polynomial.parse("3da3358b4dc173");

  @Test
  void parseAndHexRoundTripInConfigForm() {
    Polynomial p = Polynomial.parse("3da3358b4dc173");
    assertThat(p.value()).isEqualTo(0x3da3358b4dc173L);
    assertThat(p.hex()).isEqualTo("3da3358b4dc173");
    assertThat(Polynomial.parse("223E068C3CB3A3").hex()).isEqualTo("223e068c3cb3a3");
    assertThat(Polynomial.parse("ffffffffffffffff").value()).isEqualTo(-1L);
    assertThat(p.degree()).isEqualTo(53);
    assertThat(new Polynomial(0).degree()).isEqualTo(-1);
    assertThat(new Polynomial(-1L).degree()).isEqualTo(63);
  }

  @Test
  void parseRejectsNonConfigForms() {
    for (String bad : new String[] {"", "0x3da3358b4dc173", "+3da3", "-1", "3da3 ", "g1",
        "10000000000000000"}) {
      assertThatThrownBy(() -> Polynomial.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Polynomial.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void irreducibilityMatchesGoChunker() {
    // chunker-vectors.txt: "pol 0x... deg=53 irreducible=..."
    assertThat(new Polynomial(0x3da3358b4dc173L).isIrreducible()).isTrue();
    assertThat(new Polynomial(0x223e068c3cb3a3L).isIrreducible()).isTrue();
    assertThat(new Polynomial(0x2431fa3c80db07L).isIrreducible()).isTrue();
    assertThat(new Polynomial(0x3da3358b4dc172L).isIrreducible()).isFalse();
    assertThat(new Polynomial(0x20000000000001L).isIrreducible()).isFalse();
    assertThat(new Polynomial(0x3da3358b4dc171L).isIrreducible()).isFalse();
    for (long v : new long[] {0x3da3358b4dc173L, 0x3da3358b4dc172L, 0x20000000000001L}) {
      assertThat(new Polynomial(v).degree()).isEqualTo(53);
    }
  }

  @Test
  void irreducibilityOfSmallPolynomials() {
    assertThat(new Polynomial(0b10).isIrreducible()).isTrue(); // x
    assertThat(new Polynomial(0b11).isIrreducible()).isTrue(); // x + 1
    assertThat(new Polynomial(0b111).isIrreducible()).isTrue(); // x^2 + x + 1
    assertThat(new Polynomial(0b101).isIrreducible()).isFalse(); // (x + 1)^2
    assertThat(new Polynomial(0b1011).isIrreducible()).isTrue(); // x^3 + x + 1
    assertThat(new Polynomial(0x11b).isIrreducible()).isTrue(); // AES polynomial
    assertThat(new Polynomial(0x11d).isIrreducible()).isTrue();
    assertThat(new Polynomial(0x1f).isIrreducible()).isTrue(); // x^4+x^3+x^2+x+1
    assertThat(new Polynomial(0x15).isIrreducible()).isFalse(); // (x^2+x+1)^2
    assertThat(new Polynomial(0).isIrreducible()).isFalse();
    assertThat(new Polynomial(1).isIrreducible()).isFalse();
  }

  @Test
  void derivePolynomialVector() throws IOException {
    // chunker-vectors.txt: DerivePolynomial(splitmix64(seed=42) stream) = 0x2431fa3c80db07
    Polynomial p = Polynomial.derive(SplitMix64.stream(42));
    assertThat(p.value()).isEqualTo(0x2431fa3c80db07L);
    assertThat(p.hex()).isEqualTo("2431fa3c80db07");
  }

  @Test
  void deriveReadsWholeLittleEndianWordsAndStopsAtFirstIrreducible() throws IOException {
    // first candidate: 0x3da3358b4dc173 little-endian, with junk above bit 53
    byte[] src = {0x73, (byte) 0xc1, 0x4d, (byte) 0x8b, 0x35, (byte) 0xa3, (byte) 0xfd, 0x7f, 9};
    InputStream in = new ByteArrayInputStream(src);
    assertThat(Polynomial.derive(in)).isEqualTo(TEST_POL);
    assertThat(in.read()).isEqualTo(9);
  }

  @Test
  void deriveFailsOnShortSource() {
    byte[] reducible = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
    assertThatThrownBy(() -> Polynomial.derive(new ByteArrayInputStream(reducible)))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void randomGivesIrreducibleDegree53() {
    SecureRandom rng = new SecureRandom();
    for (int i = 0; i < 5; i++) {
      Polynomial p = Polynomial.random(rng);
      assertThat(p.degree()).isEqualTo(53);
      assertThat(p.isIrreducible()).isTrue();
      assertThat(p.value() & 1).isEqualTo(1);
      assertThat(Polynomial.parse(p.hex())).isEqualTo(p);
    }
  }

  @Test
  void tableCheckValuesFromSpec() {
    RabinTables t = RabinTables.of(TEST_POL);
    assertThat(t.out[0]).isZero();
    assertThat(t.out[1]).isEqualTo(0x0017eb4232e19216L);
    assertThat(t.out[2]).isEqualTo(0x001275b1ee8ee55fL);
    assertThat(t.out[0x80]).isEqualTo(0x0005b54453ea6b5cL);
    assertThat(t.out[0xff]).isEqualTo(0x000b80b98cecc39aL);
    assertThat(t.mod[0]).isZero();
    assertThat(t.mod[1]).isEqualTo(0x003da3358b4dc173L);
    assertThat(t.mod[2]).isEqualTo(0x0046e55e9dd64395L);
    assertThat(t.mod[0x80]).isEqualTo(0x1012ab55b228ad4dL);
    assertThat(t.mod[0xff]).isEqualTo(0x1ff7ac8a5af476a7L);
    assertThat(t.shift).isEqualTo(45);
  }

  @Test
  void tablesAreCachedPerPolynomial() {
    assertThat(RabinTables.of(Polynomial.parse("3da3358b4dc173")))
        .isSameAs(RabinTables.of(TEST_POL));
    assertThat(RabinTables.of(Polynomial.parse("223e068c3cb3a3")))
        .isNotSameAs(RabinTables.of(TEST_POL));
  }

  @Test
  void mulModAgreesWithRepeatedShifting() {
    long p = TEST_POL.value();
    long a = 0x123456789abcdL;
    long viaShift = a;
    for (int i = 0; i < 60; i++) {
      viaShift = Polynomial.mod(viaShift << 1, p);
    }
    long x60 = 1;
    for (int i = 0; i < 60; i++) {
      x60 = Polynomial.mod(x60 << 1, p);
    }
    assertThat(Polynomial.mulMod(a, x60, p)).isEqualTo(viaShift);
    assertThat(Polynomial.mulMod(x60, a, p)).isEqualTo(viaShift);
  }
}
