package dev.cairn.standalone;

import dev.cairn.operator.mover.MoverOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A mover child process and where its result goes.
 *
 * @param handle the process (started here, or adopted after a restart)
 * @param process the process when started here (its exit code), else null
 * @param result its {@code TERMINATION_MESSAGE_PATH}
 * @param log its output
 * @param repository the repository it holds, or null (adopted)
 * @param copy the point-in-time copy it works on, or null
 */
record MoverRun(ProcessHandle handle, Process process, Path result, Path log, String repository,
    PointInTimeCopy copy, CountDownLatch finished) {
  MoverRun(ProcessHandle handle, Process process, Path result, Path log, String repository,
      PointInTimeCopy copy) {
    this(handle, process, result, log, repository, copy, new CountDownLatch(1));
  }

  void done() {
    finished.countDown();
  }

  void await(Duration timeout) throws InterruptedException {
    finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The ended mover's result: its file, else the last JSON line of its log, else a failure. */
  MoverOutcome outcome() {
    return outcome(result, log).orElseGet(() -> MoverOutcome.failed("the mover ended"
        + (process == null ? "" : " with exit code " + process.exitValue())
        + " without a result; its log: " + log));
  }

  static Optional<MoverOutcome> outcome(Path result, Path log) {
    for (Path p : new Path[] {result, log}) {
      try {
        if (p != null && Files.exists(p)) {
          Optional<MoverOutcome> o = MoverOutcome.parse(Files.readString(p));
          if (o.isPresent()) {
            return o;
          }
        }
      } catch (IOException e) {
        // the next source, or no result
      }
    }
    return Optional.empty();
  }
}
