package dev.cairn.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintStream;
import java.time.Clock;

/**
 * One structured log line per decision, {@code logfmt} style:
 * {@code time=2026-01-02T03:04:05Z level=info kind=ReplicationSource resource=app/app
 * decision=start cause=SCHEDULE actions=backup,prune attempt=1}. Values with spaces are quoted.
 */
public final class DecisionLog {
  private final PrintStream out;
  private final Clock clock;

  public DecisionLog(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Logs {@code decision} about {@code about} with key/value pairs. */
  public void info(HasMetadata about, String decision, Object... keyValues) {
    line("info", about, decision, keyValues);
  }

  /** Logs a problem about {@code about}. */
  public void warn(HasMetadata about, String decision, Object... keyValues) {
    line("warn", about, decision, keyValues);
  }

  /** Logs a decision of the operator itself (leadership, start, stop). */
  public void operator(String decision, Object... keyValues) {
    line("info", null, decision, keyValues);
  }

  /** Logs a problem of the operator itself (e.g. a configuration it cannot use). */
  public void operatorWarn(String decision, Object... keyValues) {
    line("warn", null, decision, keyValues);
  }

  private void line(String level, HasMetadata about, String decision, Object... kv) {
    StringBuilder sb = new StringBuilder()
        .append("time=").append(SyncStatus.text(clock.instant()))
        .append(" level=").append(level);
    if (about != null) {
      sb.append(" kind=").append(about.getKind())
          .append(" resource=").append(about.getMetadata().getNamespace()).append('/')
          .append(about.getMetadata().getName());
    }
    sb.append(" decision=").append(decision);
    for (int i = 0; i + 1 < kv.length; i += 2) {
      sb.append(' ').append(kv[i]).append('=').append(value(kv[i + 1]));
    }
    synchronized (out) {
      out.println(sb);
    }
  }

  private static String value(Object v) {
    String s = String.valueOf(v);
    if (s.isEmpty() || s.contains(" ") || s.contains("\"") || s.contains("=")) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }
    return s;
  }
}
