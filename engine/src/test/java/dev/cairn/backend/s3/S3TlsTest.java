package dev.cairn.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.BackendException;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cacert} and {@code --insecure-tls} against an https-only S3Proxy whose certificate
 * (self-signed, for 127.0.0.1) keytool makes for the test.
 */
class S3TlsTest {
  private static final String PASSWORD = "keystore-pass";
  @TempDir static Path dir;
  private static Path caPem;
  private static S3ProxyServer server;

  @BeforeAll
  static void start() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    caPem = dir.resolve("ca.pem");
    keytool("-genkeypair", "-alias", "s3", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "s3", "-keystore", keyStore.toString(),
        "-storepass", PASSWORD, "-file", caPem.toString());
    server = S3ProxyServer.startTls(keyStore, PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static S3Config config(String bucket) {
    return S3Config.of(S3Location.parse(server.repository(bucket)), server.env(), Map.of());
  }

  private static void roundTrip(S3Config config) throws IOException {
    try (S3Backend b = new S3Backend(config)) {
      b.create();
      byte[] data = {1, 2, 3};
      Handle h = new Handle(FileType.SNAPSHOT, Id.hash(data).hex());
      b.save(h, data, 0, 3);
      assertThat(b.load(h)).containsExactly(data);
    }
  }

  @Test
  void anUnknownCertificateIsAPermanentErrorNamingTheEndpoint() throws Exception {
    try (S3Backend b = new S3Backend(config("untrusted"))) {
      assertThatThrownBy(b::create)
          .isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.transientFailure()).isFalse())
          .hasMessageContaining(server.endpoint() + "/untrusted");
    }
  }

  @Test
  void caCertFileMakesTheServerTrusted() throws Exception {
    roundTrip(config("with-cacert").withTls(List.of(caPem), false));
  }

  @Test
  void insecureTlsAcceptsAnyCertificate() throws Exception {
    roundTrip(config("insecure").withTls(List.of(), true));
  }

  @Test
  void aCaFileWithoutCertificatesIsRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    assertThatThrownBy(() -> new S3Backend(config("x").withTls(List.of(empty), false)))
        .isInstanceOf(IOException.class).hasMessageContaining(empty.toString());
  }
}
