package dev.cairn.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** restic's {@code s3:} repository strings, and the options and environment of S3Config. */
class S3LocationTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "s3:https://minio.example:9000/bucket/prefix | https://minio.example:9000 | bucket | prefix | false",
      "s3:http://127.0.0.1:9000/bucket             | http://127.0.0.1:9000      | bucket | ''     | false",
      "s3:http://127.0.0.1:9000/bucket/            | http://127.0.0.1:9000      | bucket | ''     | false",
      "s3:HTTP://host/b/a//b/./c/../d/             | http://host                | b      | a/b/d  | false",
      "s3:host.example/bucket/a/b                  | https://host.example       | bucket | a/b    | false",
      "s3:host.example:8443/bucket                 | https://host.example:8443  | bucket | ''     | false",
      "s3:s3.amazonaws.com/bucket/restic/repo      | https://s3.amazonaws.com   | bucket | restic/repo | true",
      "s3:https://s3.eu-west-1.amazonaws.com/bkt   | https://s3.eu-west-1.amazonaws.com | bkt | '' | true",
      "s3:host/bucket/../x                         | https://host               | bucket | ../x   | false",
      "s3:host/bucket//a/..                        | https://host               | bucket | ''     | false",
  })
  void parsesResticsForms(String repo, String endpoint, String bucket, String prefix,
      boolean aws) {
    S3Location loc = S3Location.parse(repo);
    assertThat(loc.endpoint()).hasToString(endpoint);
    assertThat(loc.bucket()).isEqualTo(bucket);
    assertThat(loc.prefix()).isEqualTo(prefix);
    assertThat(loc.aws()).isEqualTo(aws);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3:", "s3:host", "s3:host/", "s3:http://host", "s3:https:///bucket",
      "rest:http://host/x", "s3:http://ho st/bucket"})
  void rejectsBadStrings(String repo) {
    assertThatThrownBy(() -> S3Location.parse(repo))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(repo);
  }

  @Test
  void keysAndUrlsFollowThePrefix() {
    S3Location loc = S3Location.parse("s3:http://127.0.0.1:9000/bucket/p/q");
    assertThat(loc.key("data/ab/ab1")).isEqualTo("p/q/data/ab/ab1");
    assertThat(loc.url("p/q/config")).isEqualTo("http://127.0.0.1:9000/bucket/p/q/config");
    assertThat(loc).hasToString("s3:http://127.0.0.1:9000/bucket/p/q");
    assertThat(S3Location.parse("s3:h/b").key("config")).isEqualTo("config");
  }

  @Test
  void configTakesCredentialsRegionAndOptions() {
    S3Location minio = S3Location.parse("s3:http://127.0.0.1:9000/bucket");
    S3Config c = S3Config.of(minio, Map.of("AWS_ACCESS_KEY_ID", "id",
        "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "tok", "AWS_REGION", "eu-2"),
        Map.of("s3.storage-class", "STANDARD_IA", "connections", "3"));
    assertThat(c.accessKeyId()).isEqualTo("id");
    assertThat(c.sessionToken()).isEqualTo("tok");
    assertThat(c.region()).isEqualTo("eu-2");
    assertThat(c.pathStyle()).isTrue();
    assertThat(c.storageClass()).isEqualTo("STANDARD_IA");
    assertThat(c.connections()).isEqualTo(3);
    assertThat(c.toString()).doesNotContain("secret");

    S3Location aws = S3Location.parse("s3:s3.amazonaws.com/bucket");
    S3Config d = S3Config.of(aws, Map.of("AWS_DEFAULT_REGION", "eu-1", "AWS_REGION", "x"),
        Map.of());
    assertThat(d.accessKeyId()).isNull(); // the SDK's default chain
    assertThat(d.region()).isEqualTo("eu-1");
    assertThat(d.pathStyle()).isFalse();
    assertThat(d.connections()).isEqualTo(5);
    assertThat(S3Config.of(aws, Map.of(), Map.of("s3.bucket-lookup", "path", "s3.region", "r"))
        .pathStyle()).isTrue();
    assertThat(S3Config.of(minio, Map.of(), Map.of("s3.bucket-lookup", "dns")).pathStyle())
        .isFalse();
    assertThat(S3Config.of(minio, Map.of(), Map.of()).region()).isEqualTo("us-east-1");
  }

  @Test
  void configRejectsBadOptions() {
    S3Location loc = S3Location.parse("s3:h/b");
    for (Map<String, String> bad : java.util.List.of(Map.of("s3.bucket-lookup", "x"),
        Map.of("s3.nope", "1"), Map.of("connections", "0"), Map.of("connections", "many"),
        Map.of("s3.storage-class", "GLACIER"))) {
      assertThatThrownBy(() -> S3Config.of(loc, Map.of(), bad)).as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> S3Config.of(loc, Map.of("AWS_ACCESS_KEY_ID", "id"), Map.of()))
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
  }
}
