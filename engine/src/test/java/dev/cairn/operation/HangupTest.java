package dev.cairn.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** restic 0.14 sends SIGHUP to the holder of a same-host lock; a locked Cairn must survive. */
class HangupTest {
  @Test
  void sighupIsIgnoredWhileALockIsHeld() throws Exception {
    Hangup.ignore();
    try {
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
          .inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
      Thread.sleep(500); // a default handler would have started the JVM's shutdown by now
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    } finally {
      Hangup.restore();
    }
  }
}
