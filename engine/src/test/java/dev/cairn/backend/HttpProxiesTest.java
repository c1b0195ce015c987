package dev.cairn.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY read as Go's net/http reads them. */
class HttpProxiesTest {
  private static final Map<String, String> ENV = Map.of(
      "HTTP_PROXY", "http://proxy.example:3128",
      "https_proxy", "secure.example:8443",
      "NO_PROXY", "localhost, .svc,cluster.local:443 ,10.0.0.1");

  @Test
  void theSchemeChoosesTheProxyAndUpperCaseComesFirst() {
    HttpProxies p = HttpProxies.fromEnvironment(ENV);
    assertThat(p.forTarget(URI.create("http://minio.example:9000/b")))
        .contains(URI.create("http://proxy.example:3128"));
    assertThat(p.forTarget(URI.create("https://s3.amazonaws.com/b")))
        .contains(URI.create("http://secure.example:8443"));
    assertThat(HttpProxies.fromEnvironment(Map.of("HTTP_PROXY", "http://a:1", "http_proxy",
        "http://b:2")).forTarget(URI.create("http://x/"))).contains(URI.create("http://a:1"));
  }

  @Test
  void noProxyMatchesHostsDomainsAndAddresses() {
    HttpProxies p = HttpProxies.fromEnvironment(ENV);
    assertThat(p.forTarget(URI.create("http://localhost:9000/"))).isEmpty();
    assertThat(p.forTarget(URI.create("http://minio.backup.svc:9000/"))).isEmpty();
    assertThat(p.forTarget(URI.create("http://svc:9000/"))).isEmpty();
    assertThat(p.forTarget(URI.create("https://s3.cluster.local/"))).isEmpty();
    assertThat(p.forTarget(URI.create("http://10.0.0.1/"))).isEmpty();
    assertThat(p.forTarget(URI.create("http://notsvc:9000/"))).isPresent();
    assertThat(HttpProxies.fromEnvironment(Map.of("HTTP_PROXY", "http://a:1", "NO_PROXY", "*"))
        .forTarget(URI.create("http://x/"))).isEmpty();
  }

  @Test
  void theSelectorGivesTheJdkClientTheSameAnswer() {
    HttpProxies p = HttpProxies.fromEnvironment(ENV);
    assertThat(p.selector().select(URI.create("http://minio.example:9000/")))
        .singleElement().extracting(Proxy::type).isEqualTo(Proxy.Type.HTTP);
    assertThat(p.selector().select(URI.create("http://localhost:9000/")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(HttpProxies.NONE.selector().select(URI.create("http://x/")))
        .containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void aBadProxyUrlNamesTheVariable() {
    assertThatThrownBy(() -> HttpProxies.fromEnvironment(Map.of("HTTPS_PROXY", "http://")))
        .hasMessageContaining("HTTPS_PROXY");
  }
}
