package dev.cairn.operation;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ignores SIGHUP while a repository lock is held. restic 0.14 probes whether the holder of a
 * lock on the same host is alive by sending it SIGHUP (not signal 0), which would end a JVM: a
 * `restic unlock` or `restic backup` next to a running Cairn must not kill it. A backup that
 * holds a lock therefore also survives a terminal hangup, as under {@code nohup}.
 */
final class Hangup {
  private static SignalHandler previous;
  private static int depth;

  private Hangup() {}

  static synchronized void ignore() {
    if (depth++ > 0) {
      return;
    }
    try {
      previous = Signal.handle(new Signal("HUP"), signal -> { });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      previous = null; // no SIGHUP on this platform, or the VM reserves it (-Xrs)
    }
  }

  static synchronized void restore() {
    if (depth == 0 || --depth > 0) {
      return;
    }
    if (previous != null) {
      Signal.handle(new Signal("HUP"), previous);
      previous = null;
    }
  }
}
