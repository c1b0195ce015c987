package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mover container's environment, in the order of Volsync's restic mover
 * (volsync-reference.md 2.1): literals, the two required Secret keys, the optional keys the
 * Secret has, its {@code RCLONE_*} keys sorted, the controller's proxies in both cases, then the
 * debug, custom-CA and privilege switches, and Cairn's {@code CAIRN_MOVER_JOB} last.
 */
class MoverEnvTest {
  private static final String SECRET = "app-volsync-secret";
  private static final Set<String> MINIMAL = Set.of("RESTIC_REPOSITORY", "RESTIC_PASSWORD");
  private static final MoverEnv.Inputs SOURCE = new MoverEnv.Inputs(
      " --keep-hourly 24 --keep-daily 7", "", "0", "", false, false, false, "volsync-src-app");

  private static List<String> names(List<EnvVar> env) {
    return env.stream().map(EnvVar::getName).toList();
  }

  private static EnvVar named(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  private static SecretKeySelector ref(List<EnvVar> env, String name) {
    EnvVar e = named(env, name);
    assertThat(e.getValue()).as(name).isNull();
    return e.getValueFrom().getSecretKeyRef();
  }

  @Test
  void aMinimalSecretGivesTheLiteralsTheTwoRequiredKeysAndTheSwitches() {
    List<EnvVar> env = MoverEnv.build(SECRET, MINIMAL, SOURCE, Map.of());
    assertThat(names(env)).containsExactly("FORGET_OPTIONS", "DATA_DIR", "RESTIC_CACHE_DIR",
        "RESTORE_AS_OF", "SELECT_PREVIOUS", "RESTORE_OPTIONS", "RESTIC_REPOSITORY",
        "RESTIC_PASSWORD", "PRIVILEGED_MOVER", "CAIRN_MOVER_JOB");
    assertThat(named(env, "FORGET_OPTIONS").getValue())
        .isEqualTo(" --keep-hourly 24 --keep-daily 7");
    assertThat(named(env, "DATA_DIR").getValue()).isEqualTo("/data");
    assertThat(named(env, "RESTIC_CACHE_DIR").getValue()).isEqualTo("/cache");
    assertThat(named(env, "RESTORE_AS_OF").getValue()).isEmpty();
    assertThat(named(env, "SELECT_PREVIOUS").getValue()).isEqualTo("0");
    assertThat(named(env, "RESTORE_OPTIONS").getValue()).isEmpty();
    assertThat(named(env, "PRIVILEGED_MOVER").getValue()).isEqualTo("0");
    assertThat(named(env, "CAIRN_MOVER_JOB").getValue()).isEqualTo("volsync-src-app");
  }

  @Test
  void theRepositoryAndPasswordAreRequiredSecretKeyRefs() {
    List<EnvVar> env = MoverEnv.build(SECRET, MINIMAL, SOURCE, Map.of());
    for (String key : MoverEnv.REQUIRED_KEYS) {
      SecretKeySelector ref = ref(env, key);
      assertThat(ref.getName()).isEqualTo(SECRET);
      assertThat(ref.getKey()).isEqualTo(key);
      assertThat(ref.getOptional()).as(key).isFalse();
    }
  }

  @Test
  void theRequiredKeysArePassedEvenWhenTheSecretLacksThem() {
    // the controller validates the Secret beforehand; the env does not hide a missing key
    List<EnvVar> env = MoverEnv.build(SECRET, Set.of(), SOURCE, Map.of());
    assertThat(names(env)).contains("RESTIC_REPOSITORY", "RESTIC_PASSWORD");
  }

  @Test
  void optionalKeysArePassedOnlyWhenTheSecretHasThemAsOptionalRefs() {
    Set<String> keys = Set.of("RESTIC_REPOSITORY", "RESTIC_PASSWORD", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "UNRELATED_KEY");
    List<EnvVar> env = MoverEnv.build(SECRET, keys, SOURCE, Map.of());
    assertThat(names(env)).contains("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
        .doesNotContain("UNRELATED_KEY", "AWS_SESSION_TOKEN", "RESTIC_COMPRESSION");
    SecretKeySelector ref = ref(env, "AWS_SECRET_ACCESS_KEY");
    assertThat(ref.getName()).isEqualTo(SECRET);
    assertThat(ref.getKey()).isEqualTo("AWS_SECRET_ACCESS_KEY");
    assertThat(ref.getOptional()).isTrue();
  }

  @Test
  void optionalKeysFollowVolsyncsOrderNotTheSecrets() {
    Set<String> keys = new LinkedHashSet<>(List.of("RESTIC_REST_PASSWORD", "B2_ACCOUNT_KEY",
        "OS_AUTH_TOKEN", "AWS_DEFAULT_REGION", "RESTIC_COMPRESSION", "CAIRN_RETRY_LOCK",
        "RESTIC_PASSWORD", "RESTIC_REPOSITORY", "AZURE_ACCOUNT_NAME", "ST_AUTH"));
    List<EnvVar> env = MoverEnv.build(SECRET, keys, SOURCE, Map.of());
    assertThat(names(env).subList(6, 17)).containsExactly("RESTIC_REPOSITORY", "RESTIC_PASSWORD",
        "RESTIC_COMPRESSION", "AWS_DEFAULT_REGION", "ST_AUTH", "OS_AUTH_TOKEN",
        "B2_ACCOUNT_KEY", "AZURE_ACCOUNT_NAME", "RESTIC_REST_PASSWORD", "CAIRN_RETRY_LOCK",
        "PRIVILEGED_MOVER");
  }

  @Test
  void everyOptionalKeyOfVolsyncIsKnown() {
    assertThat(MoverEnv.OPTIONAL_KEYS).startsWith("RESTIC_COMPRESSION", "RESTIC_PACK_SIZE",
        "RESTIC_READ_CONCURRENCY", "AWS_ACCESS_KEY_ID").contains("RESTIC_AWS_ASSUME_ROLE_ARN",
        "OS_APPLICATION_CREDENTIAL_SECRET", "AZURE_FEDERATED_TOKEN_FILE", "GOOGLE_PROJECT_ID",
        "RESTIC_REST_USERNAME").doesNotHaveDuplicates()
        .doesNotContain("RESTIC_REPOSITORY", "RESTIC_PASSWORD");
    // Cairn's own keys come after all of Volsync's
    assertThat(MoverEnv.OPTIONAL_KEYS).endsWith("RESTIC_REST_USERNAME", "RESTIC_REST_PASSWORD",
        "CAIRN_MOVER_OPTIONS", "CAIRN_RETRY_LOCK");
  }

  @Test
  void everyRcloneKeyIsPassedSortedAfterTheOptionalKeys() {
    Set<String> keys = new LinkedHashSet<>(List.of("RCLONE_CONFIG_S3_TYPE", "RESTIC_REPOSITORY",
        "RCLONE_CONFIG_S3_ACCESS_KEY_ID", "RESTIC_PASSWORD", "RCLONE_BWLIMIT", "GOOGLE_PROJECT_ID",
        "RCLONEX"));
    List<EnvVar> env = MoverEnv.build(SECRET, keys, SOURCE, Map.of());
    assertThat(names(env).subList(8, 12)).containsExactly("GOOGLE_PROJECT_ID", "RCLONE_BWLIMIT",
        "RCLONE_CONFIG_S3_ACCESS_KEY_ID", "RCLONE_CONFIG_S3_TYPE");
    assertThat(names(env)).doesNotContain("RCLONEX");
    assertThat(ref(env, "RCLONE_BWLIMIT").getOptional()).isTrue();
  }

  @Test
  void theControllersProxiesArePassedInUpperAndLowerCase() {
    Map<String, String> controller = Map.of("HTTPS_PROXY", "http://proxy:3128",
        "NO_PROXY", ".svc,10.0.0.0/8", "PATH", "/usr/bin", "http_proxy", "http://ignored");
    List<EnvVar> env = MoverEnv.build(SECRET, MINIMAL, SOURCE, controller);
    assertThat(names(env)).containsExactly("FORGET_OPTIONS", "DATA_DIR", "RESTIC_CACHE_DIR",
        "RESTORE_AS_OF", "SELECT_PREVIOUS", "RESTORE_OPTIONS", "RESTIC_REPOSITORY",
        "RESTIC_PASSWORD", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy",
        "PRIVILEGED_MOVER", "CAIRN_MOVER_JOB");
    assertThat(named(env, "https_proxy").getValue()).isEqualTo("http://proxy:3128");
    assertThat(named(env, "no_proxy").getValue()).isEqualTo(".svc,10.0.0.0/8");
  }

  @Test
  void allThreeProxiesInVolsyncsOrder() {
    Map<String, String> controller = Map.of("NO_PROXY", "n", "HTTP_PROXY", "h",
        "HTTPS_PROXY", "s");
    List<EnvVar> env = MoverEnv.build(SECRET, MINIMAL, SOURCE, controller);
    assertThat(names(env).subList(8, 14)).containsExactly("HTTP_PROXY", "http_proxy",
        "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy");
  }

  @Test
  void theSwitchesComeLastInVolsyncsOrder() {
    MoverEnv.Inputs in = new MoverEnv.Inputs("--keep-last 1", "2024-05-01T00:00:00Z", "2",
        "--delete", true, true, true, "volsync-dst-app");
    List<EnvVar> env = MoverEnv.build(SECRET, Set.of("RCLONE_X"), in,
        Map.of("HTTP_PROXY", "h"));
    assertThat(names(env).subList(8, env.size())).containsExactly("RCLONE_X", "HTTP_PROXY",
        "http_proxy", "DEBUG_MOVER", "CUSTOM_CA", "PRIVILEGED_MOVER", "CAIRN_MOVER_JOB");
    assertThat(named(env, "DEBUG_MOVER").getValue()).isEqualTo("1");
    assertThat(named(env, "CUSTOM_CA").getValue()).isEqualTo("/customCA/ca.crt");
    assertThat(named(env, "PRIVILEGED_MOVER").getValue()).isEqualTo("1");
    assertThat(named(env, "RESTORE_AS_OF").getValue()).isEqualTo("2024-05-01T00:00:00Z");
    assertThat(named(env, "SELECT_PREVIOUS").getValue()).isEqualTo("2");
    assertThat(named(env, "RESTORE_OPTIONS").getValue()).isEqualTo("--delete");
  }

  @Test
  void withoutDebugOrCustomCaThoseVariablesAreAbsent() {
    List<EnvVar> env = MoverEnv.build(SECRET, MINIMAL, SOURCE, Map.of());
    assertThat(names(env)).doesNotContain("DEBUG_MOVER", "CUSTOM_CA");
  }

  @Test
  void aMissingLiteralIsEmptyNotAbsent() {
    MoverEnv.Inputs in = new MoverEnv.Inputs(null, null, null, null, false, false, false, null);
    List<EnvVar> env = MoverEnv.build(SECRET, MINIMAL, in, Map.of());
    for (String name : List.of("FORGET_OPTIONS", "RESTORE_AS_OF", "SELECT_PREVIOUS",
        "RESTORE_OPTIONS", "CAIRN_MOVER_JOB")) {
      assertThat(named(env, name).getValue()).as(name).isEmpty();
    }
  }

  @Test
  void literalsAreValuesNotRefs() {
    List<EnvVar> env = MoverEnv.build(SECRET, MINIMAL, SOURCE, Map.of("NO_PROXY", "x"));
    for (String name : List.of("FORGET_OPTIONS", "DATA_DIR", "NO_PROXY", "no_proxy",
        "PRIVILEGED_MOVER", "CAIRN_MOVER_JOB")) {
      assertThat(named(env, name).getValueFrom()).as(name).isNull();
    }
  }
}
