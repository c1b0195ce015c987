package dev.cairn.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Vectors from restic-format.md section 2.3, computed by an implementation restic reads. */
class KeyTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] seq(int from, int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  private static final Key VECTOR_KEY = new Key(seq(0x00, 32), seq(0x20, 16), seq(0x30, 16));
  private static final byte[] VECTOR_FILE =
      HEX.parseHex(
          "404142434445464748494a4b4c4d4e4f"
              + "d11bac4bfe399a9bf60816e7fb3ed223df07"
              + "8feac104b012b7d73df42db3bca7ee77");

  @Test
  void everySealHasItsOwnIvAcrossThreads() throws Exception {
    Key key = Key.random();
    java.util.Set<String> ivs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Runnable sealMany = () -> {
      for (int i = 0; i < 2000; i++) {
        byte[] sealed = key.seal(new byte[] {1, 2, 3});
        ivs.add(java.util.HexFormat.of().formatHex(sealed, 0, 16));
        org.assertj.core.api.Assertions.assertThat(key.open(sealed)).containsExactly(1, 2, 3);
      }
    };
    Thread other = new Thread(sealMany);
    other.start();
    sealMany.run();
    other.join();
    assertThat(ivs).hasSize(4000);
  }

  @Test
  void opensTheSpecVector() {
    byte[] plain = VECTOR_KEY.open(VECTOR_FILE);
    assertThat(new String(plain, StandardCharsets.US_ASCII)).isEqualTo("restic test vector");
  }

  @Test
  void rejectsAFlippedCiphertextBit() {
    for (int i = 0; i < VECTOR_FILE.length; i++) {
      byte[] bad = VECTOR_FILE.clone();
      bad[i] ^= 1;
      assertThatThrownBy(() -> VECTOR_KEY.open(bad)).isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void rejectsShortInput() {
    assertThatThrownBy(() -> VECTOR_KEY.open(new byte[31]))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("31 bytes");
  }

  @Test
  void sealsInPlaceAfterTheIv() {
    Key key = Key.random();
    for (int len : new int[] {0, 1, 15, 16, 17, 1000, 1 << 20}) {
      byte[] plain = new byte[len];
      new java.util.Random(len).nextBytes(plain);
      byte[] buf = new byte[len + Key.OVERHEAD];
      System.arraycopy(plain, 0, buf, 16, len);
      int n = key.seal(buf, 16, len, buf, 0);
      assertThat(n).isEqualTo(len + Key.OVERHEAD);
      assertThat(key.open(buf, 0, n)).isEqualTo(plain);
    }
  }

  @Test
  void sealThenOpenRoundTripsWithFreshIvs() {
    Key key = Key.random();
    byte[] plain = "some plaintext that is longer than one AES block".getBytes();
    byte[] a = key.seal(plain);
    byte[] b = key.seal(plain);
    assertThat(a).hasSize(plain.length + Key.OVERHEAD);
    assertThat(a).isNotEqualTo(b);
    assertThat(key.open(a)).isEqualTo(plain);
    assertThat(key.open(b)).isEqualTo(plain);
  }

  @Test
  void sealIntoBufferAtOffset() {
    Key key = Key.random();
    byte[] plain = new byte[1000];
    byte[] out = new byte[2000];
    int n = key.seal(plain, 10, 500, out, 100);
    assertThat(n).isEqualTo(532);
    assertThat(key.open(out, 100, n)).isEqualTo(new byte[500]);
  }

  @Test
  void largeInputIsCtrOfTheWholeInputDespiteSlicing() throws Exception {
    Key key = Key.random();
    byte[] plain = new byte[5 * 64 * 1024 + 7];
    new java.util.Random(3).nextBytes(plain);
    byte[] sealed = key.seal(plain);
    javax.crypto.Cipher ctr = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
    ctr.init(javax.crypto.Cipher.ENCRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(key.encryptKey(), "AES"),
        new javax.crypto.spec.IvParameterSpec(java.util.Arrays.copyOf(sealed, 16)));
    assertThat(java.util.Arrays.copyOfRange(sealed, 16, 16 + plain.length))
        .isEqualTo(ctr.doFinal(plain));
    assertThat(key.open(sealed)).isEqualTo(plain);
  }

  @Test
  void emptyPlaintext() {
    Key key = Key.random();
    assertThat(key.open(key.seal(new byte[0]))).isEmpty();
  }

  @Test
  void scryptVector() {
    byte[] out = Kdf.scrypt("geheim", new byte[64], new KdfParams(16384, 8, 1));
    assertThat(HEX.formatHex(out))
        .isEqualTo(
            "7d6955404c94869c6421c04823b4b96a6884e3d01ebbc4c7a764f770372c34cd"
                + "848a7f43191662c93c7ff84a44246b0985b6937d40fa3bfc14b4a65ba14a3b95");
  }

  @Test
  void kdfParamsAreValidated() {
    assertThatThrownBy(() -> new KdfParams(1000, 8, 1)).hasMessageContaining("N 1000");
    assertThatThrownBy(() -> new KdfParams(1024, 0, 1)).hasMessageContaining("r 0");
  }
}
