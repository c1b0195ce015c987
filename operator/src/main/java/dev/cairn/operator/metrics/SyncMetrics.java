package dev.cairn.operator.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The controllers' metrics, one registry; thread-safe. */
public final class SyncMetrics {
  /** The {@code method} label: the only mover Cairn runs. */
  static final String METHOD = "restic";
  private static final String[] LABELS = {"obj_name", "obj_namespace", "role", "method"};

  /** One resource's series: its labels. */
  public record Key(String name, String namespace, String role) {
    String[] values() {
      return new String[] {name, namespace, role, METHOD};
    }

    String[] with(String outcome) {
      return new String[] {name, namespace, role, METHOD, outcome};
    }
  }

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Set<Key> known = ConcurrentHashMap.newKeySet();
  private final Set<String> outcomes = ConcurrentHashMap.newKeySet();
  private final Summary duration = Summary.builder()
      .name("volsync_sync_duration_seconds")
      .help("Duration of the synchronization interval in seconds")
      .labelNames(LABELS)
      .quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001)
      .maxAgeSeconds(Duration.ofDays(1).toSeconds())
      .register(registry);
  private final Counter missed = Counter.builder()
      .name("volsync_missed_intervals_total")
      .help("The number of times a synchronization failed to complete before the next scheduled"
          + " start")
      .labelNames(LABELS)
      .register(registry);
  private final Gauge outOfSync = Gauge.builder()
      .name("volsync_volume_out_of_sync")
      .help("Set to 1 if the volume is not properly synchronized")
      .labelNames(LABELS)
      .register(registry);
  private final Counter runs = Counter.builder()
      .name("cairn_sync_runs_total")
      .help("Mover runs by outcome: ok, partial, skipped-empty, no-snapshot, wrong-password,"
          + " no-repository, locked, unreachable, failed")
      .labelNames("obj_name", "obj_namespace", "role", "method", "outcome")
      .register(registry);
  private final Gauge lastSuccess = Gauge.builder()
      .name("cairn_last_successful_sync_timestamp_seconds")
      .help("When the last successful sync completed, as a Unix time")
      .labelNames(LABELS)
      .register(registry);
  private final Gauge bytesAdded = Gauge.builder()
      .name("cairn_sync_bytes_added")
      .help("New data the last backup added to the repository, in bytes")
      .labelNames(LABELS)
      .register(registry);
  private final Gauge filesChanged = Gauge.builder()
      .name("cairn_sync_files_changed")
      .help("Files the last backup found new or changed")
      .labelNames(LABELS)
      .register(registry);
  private final Gauge failures = Gauge.builder()
      .name("cairn_sync_consecutive_failures")
      .help("Failed runs since the last successful one")
      .labelNames(LABELS)
      .register(registry);

  /** Sets the out-of-sync gauge (and registers the resource's series). */
  public void outOfSync(Key k, boolean value) {
    known.add(k);
    outOfSync.labelValues(k.values()).set(value ? 1 : 0);
  }

  /** A run ended with {@code outcome}. */
  public void run(Key k, String outcome, int consecutiveFailures) {
    known.add(k);
    outcomes.add(outcome);
    runs.labelValues(k.with(outcome)).inc();
    failures.labelValues(k.values()).set(consecutiveFailures);
  }

  /** A sync completed: its duration, whether it missed an interval, when, and what it moved. */
  public void completed(Key k, Duration took, boolean missedInterval, Instant at, Long added,
      Long changed) {
    known.add(k);
    duration.labelValues(k.values()).observe(took.toMillis() / 1000.0);
    if (missedInterval) {
      missed.labelValues(k.values()).inc();
    } else {
      missed.labelValues(k.values()); // the series exists from the first sync, at 0
    }
    lastSuccess.labelValues(k.values()).set(at.toEpochMilli() / 1000.0);
    if (added != null) {
      bytesAdded.labelValues(k.values()).set(added);
    }
    if (changed != null) {
      filesChanged.labelValues(k.values()).set(changed);
    }
  }

  /** Removes every series of {@code k} (the resource is gone). */
  public void forget(Key k) {
    known.remove(k);
    for (var m : new io.prometheus.metrics.core.metrics.StatefulMetric<?, ?>[] {duration, missed,
        outOfSync, lastSuccess, bytesAdded, filesChanged, failures}) {
      m.remove(k.values());
    }
    for (String o : outcomes) {
      runs.remove(k.with(o));
    }
  }

  /** The resources with series. */
  public Set<Key> known() {
    return Set.copyOf(known);
  }

  /** All series in Prometheus' text format. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
