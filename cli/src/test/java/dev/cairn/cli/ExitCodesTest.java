package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The one mapping from failures to restic's exit codes. */
class ExitCodesTest {
  @Test
  void aTimeoutIsNotAnInterruption() {
    assertThat(ExitCodes.of(new IOException("x", new SocketTimeoutException("t"))))
        .isEqualTo(ExitCodes.FATAL);
    assertThat(ExitCodes.of(new InterruptedIOException("i")))
        .isEqualTo(ExitCodes.INTERRUPTED);
  }
}
