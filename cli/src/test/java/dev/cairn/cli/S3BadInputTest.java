package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.FileType;
import dev.cairn.testing.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance ("Object storage"): bad S3 settings end a command with one clear {@code Fatal:} line
 * naming the endpoint and the bucket, exit code 1, no stack trace, and nothing written.
 *
 * <p>Exit codes follow restic 0.14, run on the same cases against the same S3Proxy: {@code
 * restic backup} exits 1 with a wrong secret key ("Fatal: unable to open config file: Stat: The
 * request signature we calculated does not match …"), as do an unreachable host and an
 * untrusted certificate. A missing bucket is a missing repository for Cairn (exit 10, "Is there
 * a repository at the following location?"), where restic 0.14 exits 1 and restic 0.17 still
 * does (only a missing config in an existing bucket gives its 10): then {@code init} creates
 * the bucket, as Volsync's mover expects.
 */
class S3BadInputTest extends S3ServerTest {
  private static final String KEYSTORE_PASSWORD = "keystore-pass";
  @TempDir static Path dir;
  private static String repo;
  private static Path source;

  @BeforeAll
  static void start() throws Exception {
    repo = server.repository("good/repo");
    source = S3Accept.tree(dir.resolve("source"), 31, 1, 3);
    S3Accept.cairn(dir, server, repo).run("init").assertOk();
  }

  private static void assertFailsClearly(Cli.Result r, String endpoint, String bucket) {
    assertFailsClearly(r, endpoint, bucket, 1);
  }

  private static void assertFailsClearly(Cli.Result r, String endpoint, String bucket,
      int exitCode) {
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(exitCode);
    String fatal = S3Accept.oneFatalLine(r.stderr());
    assertThat(fatal).contains(endpoint).contains(bucket);
  }

  @Test
  void aWrongSecretKeyIsOneClearError() throws Exception {
    Map<String, Long> before = S3Accept.objects(server, repo);
    Cli cairn = S3Accept.cairn(dir, server, repo).env("AWS_SECRET_ACCESS_KEY", "wrong-secret");
    Cli.Result r = cairn.run("-o", "retry.max-time=5s", "backup", source.toString());
    assertFailsClearly(r, server.endpoint().toString(), "good");
    assertThat(r.stderr()).as("a 403 is not retried").doesNotContain("retrying after");
    assertThat(S3Accept.objects(server, repo)).isEqualTo(before);
  }

  @Test
  void backupToAMissingBucketDoesNotCreateIt() throws Exception {
    String missing = server.repository("no-such-bucket/repo");
    Cli.Result r = S3Accept.cairn(dir, server, missing)
        .run("-o", "retry.max-time=5s", "backup", source.toString());
    assertFailsClearly(r, server.endpoint().toString(), "no-such-bucket", 10);
    assertThat(r.stderr()).contains("bucket no-such-bucket does not exist")
        .contains("Is there a repository at the following location?");
    // listing a bucket that does not exist fails: backup did not create it
    assertThatThrownBy(() -> S3Accept.names(server, missing, FileType.LOCK))
        .hasMessageContaining("no-such-bucket");
  }

  @Test
  void anUnreachableHostIsOneClearErrorInBoundedTime() throws Exception {
    String endpoint = "http://127.0.0.1:" + S3ProxyServer.freePort();
    long start = System.nanoTime();
    Cli.Result r = S3Accept.cairn(dir, server, "s3:" + endpoint + "/far-bucket/repo")
        .run("-o", "retry.max-time=5s", "backup", source.toString());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertFailsClearly(r, endpoint, "far-bucket");
  }

  @Test
  void anUnrelatedCaCertificateIsOneClearError() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Path otherStore = dir.resolve("other.p12");
    Path otherPem = dir.resolve("other.pem");
    keytool("-genkeypair", "-alias", "s3", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD);
    keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=unrelated", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", otherStore.toString(),
        "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", otherStore.toString(),
        "-storepass", KEYSTORE_PASSWORD, "-file", otherPem.toString());
    try (S3ProxyServer tls = S3ProxyServer.startTls(keyStore, KEYSTORE_PASSWORD)) {
      String tlsRepo = tls.repository("tls-bucket/repo");
      Cli.Result r = S3Accept.cairn(dir, tls, tlsRepo)
          .run("--cacert", otherPem.toString(), "-o", "retry.max-time=5s", "init");
      assertFailsClearly(r, tls.endpoint().toString(), "tls-bucket");
      assertThat(r.stderr()).doesNotContain("retrying after");
      // nothing was written: the bucket does not exist (listed with --insecure-tls's config)
      assertThatThrownBy(() -> {
        try (var b = new dev.cairn.backend.s3.S3Backend(dev.cairn.backend.s3.S3Config.of(
            dev.cairn.backend.s3.S3Location.parse(tlsRepo), tls.env(), Map.of())
            .withTls(List.of(), true))) {
          b.list(FileType.LOCK, fi -> { });
        }
      }).hasMessageContaining("tls-bucket");
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }
}
