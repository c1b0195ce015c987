package dev.cairn.backend.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Builds the SDK's synchronous S3 client for an {@link S3Config}.
 *
 * <p>HTTP goes through the SDK's {@code apache-client} (Apache HttpClient 4) with a pool of
 * {@link S3Config#connections()} connections, custom trust managers or trust-all. The lighter
 * {@code url-connection-client} (the JDK's HttpURLConnection) was tried first: it reuses
 * connections the server has dropped for streamed uploads ("Error writing request body to
 * server") and cannot size its pool per client.
 *
 * <p>The SDK's own retries are off (the project retries once, in a decorator); checksums are
 * only those the service requires, so uploads carry our own {@code Content-MD5} and no
 * {@code aws-chunked} trailers, which S3-compatible servers handle unevenly.
 */
final class S3Clients {
  /**
   * Drops the {@code Expect: 100-continue} the SDK adds to uploads. S3Proxy (Jetty) answers an
   * empty upload, or one it rejects, without a 100 and then drops the connection, which the next
   * request on it finds broken; uploads here are at most a pack (128 MiB), and sending the body
   * straight away saves a round trip per file.
   */
  private static final ExecutionInterceptor NO_EXPECT_CONTINUE = new ExecutionInterceptor() {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
        ExecutionAttributes attributes) {
      SdkHttpRequest request = context.httpRequest();
      return request.firstMatchingHeader("Expect").isPresent()
          ? request.toBuilder().removeHeader("Expect").build() : request;
    }
  };

  private S3Clients() {}

  /** A new HTTP client; the caller closes it after the S3 client. */
  static SdkHttpClient http(S3Config config) throws IOException {
    ApacheHttpClient.Builder b = ApacheHttpClient.builder()
        .maxConnections(config.connections())
        .connectionTimeout(config.connectTimeout())
        .socketTimeout(config.readTimeout());
    b.proxyConfiguration(proxy(config));
    if (!config.caCerts().isEmpty() && !config.insecureTls()) {
      TrustManager[] managers = trustManagers(config.caCerts());
      b.tlsTrustManagersProvider(() -> managers);
    }
    AttributeMap.Builder defaults = AttributeMap.builder();
    if (config.insecureTls()) {
      // the client then trusts every certificate and skips the host name check
      defaults.put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true);
    }
    return b.buildWithDefaults(defaults.build());
  }

  /**
   * The proxy of the configuration's environment for the endpoint, or none; never the SDK's own
   * reading of the process environment or system properties, so that what the caller passed is
   * what counts.
   */
  private static ProxyConfiguration proxy(S3Config config) {
    ProxyConfiguration.Builder p = ProxyConfiguration.builder()
        .useSystemPropertyValues(false)
        .useEnvironmentVariableValues(false);
    config.proxies().forTarget(config.location().endpoint()).ifPresent(uri -> {
      p.endpoint(URI.create(uri.getScheme() + "://" + uri.getHost()
          + (uri.getPort() > 0 ? ":" + uri.getPort() : "")));
      String user = uri.getUserInfo();
      if (user != null) {
        int colon = user.indexOf(':');
        p.username(colon < 0 ? user : user.substring(0, colon));
        if (colon >= 0) {
          p.password(user.substring(colon + 1));
        }
      }
    });
    return p.build();
  }

  /** The S3 client over {@code http}. */
  static S3Client s3(S3Config config, SdkHttpClient http) {
    S3Location loc = config.location();
    var b = S3Client.builder()
        .httpClient(http)
        .region(Region.of(config.region()))
        .credentialsProvider(credentials(config))
        .forcePathStyle(config.pathStyle())
        // plain signed bodies, no aws-chunked framing (S3Proxy leaves an empty one half read)
        .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .addExecutionInterceptor(NO_EXPECT_CONTINUE));
    if (loc.aws() && loc.endpoint().getHost().equalsIgnoreCase("s3.amazonaws.com")) {
      b.crossRegionAccessEnabled(true); // the global endpoint: find the bucket's region
    } else {
      b.endpointOverride(loc.endpoint());
    }
    return b.build();
  }

  private static AwsCredentialsProvider credentials(S3Config config) {
    if (config.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(config.sessionToken() == null
        ? AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())
        : AwsSessionCredentials.create(config.accessKeyId(), config.secretAccessKey(),
            config.sessionToken()));
  }

  /** The JDK's default trusted authorities plus every certificate in the PEM files. */
  static TrustManager[] trustManagers(Iterable<Path> pemFiles) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory defaults =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      int n = 0;
      for (TrustManager tm : defaults.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          for (X509Certificate ca : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + n++, ca);
          }
        }
      }
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Path file : pemFiles) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
          certs = factory.generateCertificates(in);
        } catch (GeneralSecurityException e) {
          throw new IOException("cannot read certificates from " + file + ": " + e.getMessage(),
              e);
        }
        if (certs.isEmpty()) {
          throw new IOException("no certificate in " + file);
        }
        for (Certificate c : certs) {
          store.setCertificateEntry("cacert-" + n++, c);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return tmf.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up the trust store: " + e.getMessage(), e);
    }
  }
}
