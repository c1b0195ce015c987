package dev.cairn.operator.mover;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mover container's environment, as Volsync's controller builds it (its section 2.1): the
 * literal values, the repository and password from the Secret, each optional key the Secret has,
 * every {@code RCLONE_*} key, the controller's proxies, and the debug, custom-CA and privilege
 * switches; plus {@code CAIRN_MOVER_JOB}, which lets the mover treat locks left by an earlier pod
 * of its Job as stale.
 */
public final class MoverEnv {
  /** Keys Volsync passes from the Secret when they are there, in Volsync's order. */
  public static final List<String> OPTIONAL_KEYS = List.of(
      "RESTIC_COMPRESSION", "RESTIC_PACK_SIZE", "RESTIC_READ_CONCURRENCY",
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION",
      "AWS_PROFILE", "RESTIC_AWS_ASSUME_ROLE_ARN", "RESTIC_AWS_ASSUME_ROLE_SESSION_NAME",
      "RESTIC_AWS_ASSUME_ROLE_EXTERNAL_ID", "RESTIC_AWS_ASSUME_ROLE_POLICY",
      "RESTIC_AWS_ASSUME_ROLE_REGION", "RESTIC_AWS_ASSUME_ROLE_STS_ENDPOINT",
      "ST_AUTH", "ST_USER", "ST_KEY",
      "OS_AUTH_URL", "OS_REGION_NAME", "OS_USERNAME", "OS_USER_ID", "OS_PASSWORD",
      "OS_TENANT_ID", "OS_TENANT_NAME", "OS_USER_DOMAIN_NAME", "OS_USER_DOMAIN_ID",
      "OS_PROJECT_NAME", "OS_PROJECT_DOMAIN_NAME", "OS_PROJECT_DOMAIN_ID", "OS_TRUST_ID",
      "OS_APPLICATION_CREDENTIAL_ID", "OS_APPLICATION_CREDENTIAL_NAME",
      "OS_APPLICATION_CREDENTIAL_SECRET", "OS_STORAGE_URL", "OS_AUTH_TOKEN",
      "B2_ACCOUNT_ID", "B2_ACCOUNT_KEY",
      "AZURE_ACCOUNT_NAME", "AZURE_ACCOUNT_KEY", "AZURE_ACCOUNT_SAS", "AZURE_ENDPOINT_SUFFIX",
      "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE",
      "GOOGLE_PROJECT_ID", "RESTIC_REST_USERNAME", "RESTIC_REST_PASSWORD",
      // Cairn's own, after Volsync's: the mover's extended options and its lock wait
      "CAIRN_MOVER_OPTIONS", "CAIRN_RETRY_LOCK");
  /** The Secret's keys a mover cannot run without. */
  public static final List<String> REQUIRED_KEYS = List.of("RESTIC_REPOSITORY", "RESTIC_PASSWORD");
  /** Where the custom CA is mounted, and the file the mover is told about. */
  public static final String CUSTOM_CA_DIR = "/customCA";
  public static final String CUSTOM_CA_FILE = "ca.crt";

  private MoverEnv() {}

  /**
   * What a run needs to know beyond the Secret.
   *
   * @param forgetOptions {@code FORGET_OPTIONS} (source) or empty
   * @param restoreAsOf {@code RESTORE_AS_OF} (destination) or empty
   * @param previous {@code SELECT_PREVIOUS}, "0" by default
   * @param restoreOptions {@code RESTORE_OPTIONS}: {@code --delete} or empty
   * @param debug the resource asks for a debug mover
   * @param customCA a custom CA is mounted
   * @param privileged the namespace allows privileged movers
   * @param job the Job's name
   */
  public record Inputs(String forgetOptions, String restoreAsOf, String previous,
      String restoreOptions, boolean debug, boolean customCA, boolean privileged, String job) {}

  /**
   * The environment for a mover of {@code secretName}, whose keys are {@code secretKeys}, with
   * the controller's own environment {@code controllerEnv} (for its proxies).
   */
  public static List<EnvVar> build(String secretName, Set<String> secretKeys, Inputs in,
      Map<String, String> controllerEnv) {
    List<EnvVar> env = new ArrayList<>();
    env.add(literal("FORGET_OPTIONS", in.forgetOptions()));
    env.add(literal("DATA_DIR", MoverJob.DATA_MOUNT));
    env.add(literal("RESTIC_CACHE_DIR", MoverJob.CACHE_MOUNT));
    env.add(literal("RESTORE_AS_OF", in.restoreAsOf()));
    env.add(literal("SELECT_PREVIOUS", in.previous()));
    env.add(literal("RESTORE_OPTIONS", in.restoreOptions()));
    env.add(fromSecret(secretName, "RESTIC_REPOSITORY", false));
    env.add(fromSecret(secretName, "RESTIC_PASSWORD", false));
    for (String key : OPTIONAL_KEYS) {
      if (secretKeys.contains(key)) {
        env.add(fromSecret(secretName, key, true));
      }
    }
    for (String key : new TreeSet<>(secretKeys)) {
      if (key.startsWith("RCLONE_")) {
        env.add(fromSecret(secretName, key, true));
      }
    }
    for (String proxy : List.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")) {
      String v = controllerEnv.get(proxy);
      if (v != null) {
        env.add(literal(proxy, v));
        env.add(literal(proxy.toLowerCase(java.util.Locale.ROOT), v));
      }
    }
    if (in.debug()) {
      env.add(literal("DEBUG_MOVER", "1"));
    }
    if (in.customCA()) {
      env.add(literal("CUSTOM_CA", CUSTOM_CA_DIR + "/" + CUSTOM_CA_FILE));
    }
    env.add(literal("PRIVILEGED_MOVER", in.privileged() ? "1" : "0"));
    env.add(literal("CAIRN_MOVER_JOB", in.job()));
    return env;
  }

  private static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value == null ? "" : value).build();
  }

  private static EnvVar fromSecret(String secret, String key, boolean optional) {
    return new EnvVarBuilder().withName(key).withNewValueFrom().withNewSecretKeyRef()
        .withName(secret).withKey(key).withOptional(optional).endSecretKeyRef().endValueFrom()
        .build();
  }
}
