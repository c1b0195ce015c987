package dev.cairn.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An in-process S3 server (S3Proxy, in-memory {@code transient} store) on 127.0.0.1 at a free
 * port, with AWS SigV2/SigV4 authentication, for S3 backend and interoperability tests. Start
 * one per test class; it starts in about a second.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The access key the server accepts. */
  public static final String ACCESS_KEY = "cairn-access";
  /** The secret key the server accepts. */
  public static final String SECRET_KEY = "cairn-secret-key";

  private final S3Proxy proxy;
  private final URI endpoint;

  private S3ProxyServer(S3Proxy proxy, URI endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  /** Starts a server and waits until it accepts requests (at most 10 s). */
  public static S3ProxyServer start() throws Exception {
    URI endpoint = URI.create("http://127.0.0.1:" + freePort());
    return start(builder().endpoint(endpoint), endpoint);
  }

  /**
   * Starts a server on https only, with the key and certificate of the PKCS#12 {@code keyStore}
   * (password {@code password}).
   */
  public static S3ProxyServer startTls(Path keyStore, String password) throws Exception {
    URI endpoint = URI.create("https://127.0.0.1:" + freePort());
    return start(builder().secureEndpoint(endpoint).keyStore(keyStore.toString(), password),
        endpoint);
  }

  private static S3Proxy.Builder builder() {
    Properties props = new Properties();
    props.setProperty("jclouds.identity", ACCESS_KEY);
    props.setProperty("jclouds.credential", SECRET_KEY);
    return S3Proxy.builder()
        .blobStore(BlobStores.create("transient", props))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY);
  }

  private static S3ProxyServer start(S3Proxy.Builder builder, URI endpoint) throws Exception {
    S3Proxy proxy = builder.build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new S3ProxyServer(proxy, endpoint);
  }

  /** A port nobody listens on right now (closed again before it is returned). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  /** {@code s3:http://127.0.0.1:PORT/bucket[/prefix]}, restic's repository string. */
  public String repository(String bucketAndPrefix) {
    return "s3:" + endpoint + "/" + bucketAndPrefix;
  }

  /** The environment restic and Cairn need to talk to this server. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    return env;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
