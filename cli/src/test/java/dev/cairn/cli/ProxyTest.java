package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.ForwardProxy;
import dev.cairn.testing.RcloneServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3 and REST repositories are reached through HTTP_PROXY unless NO_PROXY names the host. */
class ProxyTest extends S3ServerTest {
  @TempDir Path tmp;

  @Test
  void s3GoesThroughTheProxyUnlessNoProxyNamesTheHost() throws Exception {
    Path source = S3Accept.tree(tmp.resolve("src"), 5, 1, 3);
    try (ForwardProxy proxy = ForwardProxy.start()) {
      String repo = server.repository("proxied/repo");
      Cli cairn = S3Accept.cairn(tmp, server, repo).env("HTTP_PROXY", proxy.url());
      cairn.run("init").assertOk();
      cairn.run("backup", source.toString()).assertOk();
      int through = proxy.forwarded();
      assertThat(through).isPositive();
      cairn.env("NO_PROXY", "127.0.0.1").run("snapshots").assertOk();
      assertThat(proxy.forwarded()).isEqualTo(through);
    }
  }

  @Test
  void restGoesThroughTheProxy() throws Exception {
    Path source = S3Accept.tree(tmp.resolve("src"), 6, 0, 3);
    try (RcloneServer rest = RcloneServer.start(tmp.resolve("rest"));
        ForwardProxy proxy = ForwardProxy.start()) {
      Cli cairn = new Cli(tmp.resolve("unused"), Interop.PASSWORD)
          .env("RESTIC_REPOSITORY", "rest:" + rest.url() + "repo/")
          .env("HTTP_PROXY", proxy.url());
      cairn.run("init").assertOk();
      cairn.run("backup", source.toString()).assertOk();
      assertThat(proxy.forwarded()).isPositive();
    }
  }
}
