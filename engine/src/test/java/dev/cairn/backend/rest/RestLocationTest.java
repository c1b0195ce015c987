package dev.cairn.backend.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing {@code rest:} repository strings, credentials and what messages show. */
class RestLocationTest {
  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesHostPortPathAndCredentials() {
    RestLocation l = RestLocation.parse("rest:http://user:pass@host:8000/my/repo/", Map.of());
    assertThat(l.base()).hasToString("http://host:8000/my/repo/");
    assertThat(l.username()).contains("user");
    assertThat(l.authorization()).contains(basic("user:pass"));
    assertThat(l.location()).isEqualTo("rest:http://host:8000/my/repo/");
    assertThat(l.toString()).doesNotContain("pass");
  }

  @Test
  void addsTheTrailingSlash() {
    assertThat(RestLocation.parse("rest:https://host/repo", Map.of()).base())
        .hasToString("https://host/repo/");
    assertThat(RestLocation.parse("rest:http://host:8000", Map.of()).base())
        .hasToString("http://host:8000/");
    assertThat(RestLocation.parse("rest:http://host:8000/", Map.of()).base())
        .hasToString("http://host:8000/");
  }

  @Test
  void noCredentialsMeansNoAuthorization() {
    RestLocation l = RestLocation.parse("rest:http://host/", Map.of());
    assertThat(l.username()).isEmpty();
    assertThat(l.authorization()).isEmpty();
  }

  @Test
  void credentialsComeFromTheEnvironmentWhenTheUrlHasNone() {
    Map<String, String> env = Map.of("RESTIC_REST_USERNAME", "env-user",
        "RESTIC_REST_PASSWORD", "env-secret");
    RestLocation fromEnv = RestLocation.parse("rest:https://host/r/", env);
    assertThat(fromEnv.authorization()).contains(basic("env-user:env-secret"));
    assertThat(fromEnv.location()).doesNotContain("env-secret").doesNotContain("env-user");
    // the URL's own credentials win, as in restic
    RestLocation fromUrl = RestLocation.parse("rest:https://u:p@host/r/", env);
    assertThat(fromUrl.authorization()).contains(basic("u:p"));
  }

  @Test
  void userInfoIsPercentDecodedAndKeepsPlusSigns() {
    RestLocation l = RestLocation.parse("rest:http://us%40er:p%3Aa+ss%2F@host/r/", Map.of());
    assertThat(l.authorization()).contains(basic("us@er:p:a+ss/"));
    RestLocation userOnly = RestLocation.parse("rest:http://solo@host/r/", Map.of());
    assertThat(userOnly.authorization()).contains(basic("solo:"));
  }

  @Test
  void keepsTheEncodedPathAndIpv6Hosts() {
    assertThat(RestLocation.parse("rest:http://[::1]:8000/a%20b", Map.of()).base())
        .hasToString("http://[::1]:8000/a%20b/");
  }

  @Test
  void rejectsWhatIsNotAnHttpUrlWithoutLeakingThePassword() {
    assertThatThrownBy(() -> RestLocation.parse("rest:ftp://u:topsecret@host/", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RestLocation.parse("rest:/just/a/path", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RestLocation.parse("rest:http://u:topsecret@host/r?x=1", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RestLocation.parse("rest:http://u:top secret@host/", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("top secret");
  }
}
