package dev.cairn.operator.restore;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How long one wait of a restore may take ({@code --timeout}); polls the API every 200 ms.
 *
 * @param timeout the bound of each wait
 */
record Deadline(Duration timeout) {
  /** Waits until {@code done} holds; a {@link RestoreFailedException} of {@code step} if not. */
  void await(RestoreStep step, String what, BooleanSupplier done) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new RestoreFailedException(step, "timed out after " + timeout.toSeconds()
            + "s waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RestoreFailedException(step, "interrupted waiting for " + what, e);
      }
    }
  }
}
