package dev.cairn.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Key files as restic 0.14 writes them (restic-format.md section 13). */
class KeyFileTest {
  /** keys/5b805f60… of fixture restic014-v2-testpol, password "testpass". */
  static final String RESTIC_KEY_FILE =
      "{\"created\":\"2026-11-26T15:31:26.573948523Z\",\"username\":\"root\",\"hostname\":\"vm\","
          + "\"kdf\":\"scrypt\",\"N\":32768,\"r\":8,\"p\":6,\"salt\":\"4jISvxPnDoFWS9ZyiKcZfMkY1n"
          + "gao/8v+8pAp1PQA56HX4kLTUrY1OSdEN/PBdqH22TuDCNc8dTnVk0hC3KjKw==\",\"data\":\"umeuJ/"
          + "Xweof7pJtAIin9CvAuahwkYrWSMnc5noDWjdNJHSVyB4vaGT8Qfllllkvl/eVk4KeSvCcWHuy4Fo0OUFUesF"
          + "8l33dbA3L5gpHfDwYQgdqQpee+bFf+QQ72AarSNF7SF/Q1AYLWmBJjGQF2t8tu5Snu+j+ssntoiSSnUuO9C"
          + "mi6NakDOQHodJC0FpTfFo61Qj3KRUwnvO4728Z4XA==\"}";

  @Test
  void unlocksAKeyWrittenByRestic() {
    KeyFile kf = KeyFile.decode(RESTIC_KEY_FILE.getBytes(StandardCharsets.UTF_8));
    assertThat(kf.params()).isEqualTo(new KdfParams(32768, 8, 6));
    Key master = kf.unlock("testpass");
    assertThat(Base64.getEncoder().encodeToString(master.macK()))
        .isEqualTo("00Kqtytz8JL7QeqSPPYbgA==");
    assertThat(Base64.getEncoder().encodeToString(master.macR()))
        .isEqualTo("j1HmAdjPHwkY4xUNeKLFAw==");
    assertThat(Base64.getEncoder().encodeToString(master.encryptKey()))
        .isEqualTo("odvyZ8mj60y6NesOrD+4mwBgo1+kY3FY+9v1I++xrco=");
  }

  @Test
  void wrongPasswordIsAMacFailure() {
    KeyFile kf = KeyFile.decode(RESTIC_KEY_FILE.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> kf.unlock("wrong")).isInstanceOf(IntegrityException.class);
  }

  @Test
  void createdKeyFilesRoundTrip() {
    Key master = Key.random();
    KeyFile kf = KeyFile.create(master, "pw", new KdfParams(1024, 8, 1), "me", "host");
    KeyFile back = KeyFile.decode(kf.encode());
    assertThat(back.unlock("pw").encryptKey()).isEqualTo(master.encryptKey());
    assertThat(new String(kf.encode(), StandardCharsets.UTF_8))
        .startsWith("{\"created\":")
        .contains("\"kdf\":\"scrypt\",\"N\":1024,\"r\":8,\"p\":1,\"salt\":");
  }

  @Test
  void rejectsOtherKdfsAndSalts() {
    assertThatThrownBy(() -> KeyFile.decode("{\"kdf\":\"argon\"}".getBytes()))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("argon");
    assertThatThrownBy(
            () -> KeyFile.decode("{\"kdf\":\"scrypt\",\"salt\":\"AAAA\",\"N\":2,\"r\":1,\"p\":1}"
                .getBytes()))
        .hasMessageContaining("salt");
  }

  @Test
  void masterKeyJsonMatchesResticsShape() {
    Key master = Key.random();
    String json = new String(MasterKeyJson.encode(master), StandardCharsets.UTF_8);
    assertThat(json).matches("\\{\"mac\":\\{\"k\":\"[^\"]+\",\"r\":\"[^\"]+\"},\"encrypt\":\"[^\"]+\"}");
    assertThat(MasterKeyJson.decode(json.getBytes()).macR()).isEqualTo(master.macR());
  }
}
