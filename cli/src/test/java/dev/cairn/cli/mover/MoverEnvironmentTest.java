package dev.cairn.cli.mover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mover's environment is checked whole before anything runs. */
class MoverEnvironmentTest {
  private static Map<String, String> volsync() {
    Map<String, String> env = new HashMap<>();
    env.put("FORGET_OPTIONS", "--keep-last 1");
    env.put("DATA_DIR", "/data");
    env.put("RESTIC_CACHE_DIR", "/cache");
    env.put("RESTORE_AS_OF", "");
    env.put("SELECT_PREVIOUS", "0");
    env.put("RESTORE_OPTIONS", "");
    env.put("RESTIC_REPOSITORY", "s3:http://minio:9000/bucket/app");
    env.put("RESTIC_PASSWORD", "secret");
    env.put("PRIVILEGED_MOVER", "0");
    return env;
  }

  private static void fails(Map<String, String> env, String message) {
    assertThatThrownBy(() -> MoverEnvironment.parse(env, "host"))
        .isInstanceOfSatisfying(MoverFailure.class, f -> {
          assertThat(f.outcome()).isEqualTo(Outcome.FAILED);
          assertThat(f.exitCode()).isEqualTo(1);
        })
        .hasMessageContaining(message);
  }

  @Test
  void volsyncsEnvironmentIsAccepted() {
    MoverEnvironment e = MoverEnvironment.parse(volsync(), "volsync-src-app-x7k2p");
    assertThat(e.restoreAsOf()).isNull();
    assertThat(e.selectPrevious()).isZero();
    assertThat(e.restoreDelete()).isFalse();
    assertThat(e.job()).isEqualTo("volsync-src-app");
    assertThat(e.terminationPath().toString()).isEqualTo("/dev/termination-log");
  }

  @Test
  void eachMandatoryVariableIsNamedWhenMissing() {
    for (String v : MoverEnvironment.MANDATORY) {
      Map<String, String> env = volsync();
      env.remove(v);
      fails(env, v + " must be defined");
    }
  }

  @Test
  void keysOfStoresCairnDoesNotHaveFailAtOnce() {
    for (String key : new String[] {"AZURE_ACCOUNT_NAME", "GOOGLE_PROJECT_ID", "B2_ACCOUNT_ID",
        "ST_AUTH", "OS_AUTH_URL", "RCLONE_CONFIG_X_TYPE", "RESTIC_AWS_ASSUME_ROLE_ARN"}) {
      Map<String, String> env = volsync();
      env.put(key, "x");
      fails(env, key + " is set, but Cairn has no");
    }
    Map<String, String> env = volsync();
    env.put("RESTIC_REPOSITORY", "azure:container:/path");
    fails(env, "the azure backend is not supported");
  }

  @Test
  void restoreSelectionAndOptionsAreRead() {
    Map<String, String> env = volsync();
    env.put("RESTORE_AS_OF", "2026-03-04T05:06:07+02:00");
    env.put("SELECT_PREVIOUS", "2");
    env.put("RESTORE_OPTIONS", "--delete");
    MoverEnvironment e = MoverEnvironment.parse(env, "h");
    assertThat(e.restoreAsOf()).isEqualTo(Instant.parse("2026-03-04T03:06:07Z"));
    assertThat(e.selectPrevious()).isEqualTo(2);
    assertThat(e.restoreDelete()).isTrue();
    assertThat(MoverEnvironment.instant("2026-03-04 05:06:07"))
        .isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
    assertThat(MoverEnvironment.instant("2026-03-04")).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
  }

  @Test
  void badValuesAreNamed() {
    Map<String, String> env = volsync();
    env.put("RESTORE_AS_OF", "yesterday");
    fails(env, "RESTORE_AS_OF \"yesterday\" is not a time");
    env = volsync();
    env.put("SELECT_PREVIOUS", "-1");
    fails(env, "SELECT_PREVIOUS \"-1\"");
    env = volsync();
    env.put("RESTORE_OPTIONS", "--verify");
    fails(env, "RESTORE_OPTIONS: \"--verify\" is not supported");
    env = volsync();
    env.put("FORGET_OPTIONS", "--keep-hourly x");
    fails(env, "FORGET_OPTIONS: --keep-hourly \"x\"");
  }
}
