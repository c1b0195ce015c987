package dev.cairn.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendContractTest;
import dev.cairn.backend.BackendException;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.testing.S3ProxyServer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the {@link Backend} contract against {@link S3Backend} on an in-process S3Proxy (one
 * server for the class, a fresh bucket per test), and checks what is specific to S3: the key
 * layout, bucket creation, and errors that name the request and say whether to retry.
 */
class S3BackendTest extends BackendContractTest {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3ProxyServer server;
  private S3Config config;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected Backend newBackend(Path tempDir) throws Exception {
    String bucket = "cairn-" + BUCKETS.incrementAndGet();
    config = config(server.repository(bucket + "/some/prefix"), server.env());
    return new S3Backend(config);
  }

  private static S3Config config(String repository, Map<String, String> env) {
    return S3Config.of(S3Location.parse(repository), env, Map.of())
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  /** The objects under the bucket, through a client of our own. */
  private List<String> keys() throws Exception {
    List<String> keys = new ArrayList<>();
    try (SdkHttpClient http = S3Clients.http(config);
        S3Client s3 = S3Clients.s3(config, http)) {
      s3.listObjectsV2Paginator(b -> b.bucket(config.location().bucket()))
          .contents().forEach(o -> keys.add(o.key()));
    }
    return keys;
  }

  private void putRaw(String key) throws Exception {
    try (SdkHttpClient http = S3Clients.http(config);
        S3Client s3 = S3Clients.s3(config, http)) {
      s3.putObject(b -> b.bucket(config.location().bucket()).key(key), RequestBody.fromBytes(
          new byte[3]));
    }
  }

  @Test
  void filesLieInResticsLayoutUnderThePrefix() throws Exception {
    Handle pack = saveNamed(FileType.PACK, bytes(10));
    Handle key = saveNamed(FileType.KEY, bytes(10));
    backend.save(Handle.CONFIG, new byte[1], 0, 1);
    assertThat(keys()).containsExactlyInAnyOrder(
        "some/prefix/config",
        "some/prefix/keys/" + key.name(),
        "some/prefix/data/" + pack.name().substring(0, 2) + "/" + pack.name());
    assertThat(backend.location()).isEqualTo(server.repository(
        config.location().bucket() + "/some/prefix"));
  }

  @Test
  void listSkipsKeysAtTheWrongDepth() throws Exception {
    Handle pack = saveNamed(FileType.PACK, bytes(10));
    String id = Id.hash(bytes(3)).hex();
    putRaw("some/prefix/data/" + id); // not in a shard
    putRaw("some/prefix/data/ab/cd/" + id); // too deep
    putRaw("some/prefix/snapshots/ab/" + id); // snapshots are not sharded
    putRaw("some/prefix-other/data/ab/" + id); // a sibling prefix
    assertThat(listed(FileType.PACK)).containsOnlyKeys(pack.name());
    assertThat(listed(FileType.SNAPSHOT)).isEmpty();
  }

  @Test
  void createMakesTheBucket() throws Exception {
    S3Config fresh = config(server.repository("made-by-create"), server.env());
    try (S3Backend b = new S3Backend(fresh)) {
      Handle h = new Handle(FileType.INDEX, Id.hash(new byte[1]).hex());
      assertThatThrownBy(() -> b.load(Handle.CONFIG))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("bucket made-by-create does not exist");
      b.create();
      b.create(); // an existing bucket without config is fine
      b.save(h, new byte[1], 0, 1);
      assertThat(b.stat(h)).isEqualTo(1);
    }
  }

  @Test
  void missingBucketIsAClearPermanentError() throws Exception {
    S3Config missing = config(server.repository("no-such-bucket/p"), server.env());
    try (S3Backend b = new S3Backend(missing)) {
      // a file in a missing bucket is a missing file (the repository is not there: init makes it)
      assertThatThrownBy(() -> b.load(Handle.CONFIG))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining(server.endpoint() + "/no-such-bucket/p/config")
          .hasMessageContaining("bucket no-such-bucket does not exist");
      assertThatThrownBy(() -> b.list(FileType.SNAPSHOT, fi -> { }))
          .isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.transientFailure()).isFalse())
          .hasMessageContaining(server.endpoint() + "/no-such-bucket/")
          .hasMessageContaining("404 NoSuchBucket (bucket no-such-bucket does not exist)");
    }
  }

  @Test
  void wrongSecretKeyIsAPermanent403NamingTheRequest() throws Exception {
    Map<String, String> env = server.env();
    env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    String bucket = config.location().bucket();
    try (S3Backend b = new S3Backend(config(server.repository(bucket + "/some/prefix"), env))) {
      Handle h = new Handle(FileType.PACK, "ab" + "0".repeat(62));
      assertThatThrownBy(() -> b.load(h))
          .isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.transientFailure()).isFalse())
          .hasMessageContaining(server.endpoint() + "/" + bucket + "/some/prefix/data/ab/ab00")
          .hasMessageContaining(": 403");
      assertThatThrownBy(() -> b.list(FileType.INDEX, fi -> {}))
          .isInstanceOf(BackendException.class).hasMessageContaining("403");
    }
  }

  @Test
  void unreachableServerIsATransientErrorNamingTheEndpoint() throws Exception {
    String endpoint = "http://127.0.0.1:" + S3ProxyServer.freePort();
    long start = System.nanoTime();
    try (S3Backend b = new S3Backend(config("s3:" + endpoint + "/bucket", server.env()))) {
      assertThatThrownBy(() -> b.stat(Handle.CONFIG))
          .isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.transientFailure()).isTrue())
          .hasMessageContaining("s3 HEAD " + endpoint + "/bucket/config");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aBodyThatDoesNotMatchItsMd5IsRejectedAndNotStored() throws Exception {
    String key = "some/prefix/index/" + Id.hash(new byte[5]).hex();
    String md5OfOtherBytes = "1B2M2Y8AsgTpgAmY7PhCfg=="; // MD5 of no bytes at all
    try (SdkHttpClient http = S3Clients.http(config);
        S3Client s3 = S3Clients.s3(config, http)) {
      S3Writer writer = new S3Writer(s3, config.location(), null);
      assertThatThrownBy(() -> writer.put(key, () -> new java.io.ByteArrayInputStream(new byte[5]), 5, md5OfOtherBytes))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("s3 PUT " + config.location().url(key) + ": 400");
    }
    assertThat(keys()).doesNotContain(key);
  }

  @Test
  void aRequestTheSdkRefusesIsPermanent() throws Exception {
    try (S3Backend b = new S3Backend(config(server.repository("ab"), server.env()))) {
      assertThatThrownBy(b::create) // bucket names need 3 characters at least
          .isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.transientFailure()).isFalse())
          .hasMessageContaining(server.endpoint() + "/ab");
    }
  }

  @Test
  void usesTheConfiguredConnections() throws Exception {
    S3Config eight = S3Config.of(config.location(), server.env(), Map.of("s3.connections", "8"));
    try (S3Backend b = new S3Backend(eight)) {
      assertThat(b.connections()).isEqualTo(8);
    }
    assertThat(backend.connections()).isEqualTo(5);
  }
}
