package dev.cairn.cli;

import dev.cairn.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the S3 acceptance tests: one in-process S3Proxy (SigV4) per test class. */
abstract class S3ServerTest {
  static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }
}
