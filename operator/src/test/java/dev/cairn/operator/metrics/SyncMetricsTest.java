package dev.cairn.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The scrape, line for line: Volsync's three metrics with its names, help texts and labels
 * (volsync-reference.md 4, Volsync's {@code metrics.go}), Cairn's own series, and their removal
 * when a resource is gone.
 */
class SyncMetricsTest {
  private static final SyncMetrics.Key APP = new SyncMetrics.Key("app", "apps", "source");
  private static final SyncMetrics.Key DB = new SyncMetrics.Key("db", "data", "destination");
  private static final String APP_LABELS =
      "{method=\"restic\",obj_name=\"app\",obj_namespace=\"apps\",role=\"source\"}";
  private static final Instant AT = Instant.parse("2024-05-01T12:01:05Z");

  private final SyncMetrics metrics = new SyncMetrics();

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static String withOutcome(String outcome) {
    return "{method=\"restic\",obj_name=\"app\",obj_namespace=\"apps\",outcome=\"" + outcome
        + "\",role=\"source\"}";
  }

  private static String quantile(String q) {
    return "{method=\"restic\",obj_name=\"app\",obj_namespace=\"apps\",role=\"source\",quantile=\""
        + q + "\"}";
  }

  @Test
  void nothingRecordedScrapesEmpty() {
    assertThat(metrics.scrape()).isEmpty();
    assertThat(metrics.known()).isEmpty();
  }

  @Test
  void outOfSyncIsVolsyncsGauge() {
    metrics.outOfSync(APP, true);
    assertThat(metrics.scrape()).isEqualTo(lines(
        "# HELP volsync_volume_out_of_sync Set to 1 if the volume is not properly synchronized",
        "# TYPE volsync_volume_out_of_sync gauge",
        "volsync_volume_out_of_sync" + APP_LABELS + " 1.0"));
    metrics.outOfSync(APP, false);
    assertThat(metrics.scrape()).endsWith("volsync_volume_out_of_sync" + APP_LABELS + " 0.0\n");
    assertThat(metrics.known()).containsExactly(APP);
  }

  @Test
  void aCompletedSyncScrapesAsThisText() {
    metrics.outOfSync(APP, true);
    metrics.run(APP, "ok", 0);
    metrics.completed(APP, Duration.ofMillis(65_200), false, AT, 1024L, 3L);
    assertThat(metrics.scrape()).isEqualTo(lines(
        "# HELP cairn_last_successful_sync_timestamp_seconds When the last successful sync"
            + " completed, as a Unix time",
        "# TYPE cairn_last_successful_sync_timestamp_seconds gauge",
        "cairn_last_successful_sync_timestamp_seconds" + APP_LABELS + " 1.714564865E9",
        "# HELP cairn_sync_bytes_added New data the last backup added to the repository,"
            + " in bytes",
        "# TYPE cairn_sync_bytes_added gauge",
        "cairn_sync_bytes_added" + APP_LABELS + " 1024.0",
        "# HELP cairn_sync_consecutive_failures Failed runs since the last successful one",
        "# TYPE cairn_sync_consecutive_failures gauge",
        "cairn_sync_consecutive_failures" + APP_LABELS + " 0.0",
        "# HELP cairn_sync_files_changed Files the last backup found new or changed",
        "# TYPE cairn_sync_files_changed gauge",
        "cairn_sync_files_changed" + APP_LABELS + " 3.0",
        "# HELP cairn_sync_runs_total Mover runs by outcome: ok, partial, skipped-empty,"
            + " no-snapshot, wrong-password, no-repository, locked, unreachable, failed",
        "# TYPE cairn_sync_runs_total counter",
        "cairn_sync_runs_total" + withOutcome("ok") + " 1.0",
        "# HELP volsync_missed_intervals_total The number of times a synchronization failed to"
            + " complete before the next scheduled start",
        "# TYPE volsync_missed_intervals_total counter",
        "volsync_missed_intervals_total" + APP_LABELS + " 0.0",
        "# HELP volsync_sync_duration_seconds Duration of the synchronization interval in"
            + " seconds",
        "# TYPE volsync_sync_duration_seconds summary",
        "volsync_sync_duration_seconds" + quantile("0.5") + " 65.2",
        "volsync_sync_duration_seconds" + quantile("0.9") + " 65.2",
        "volsync_sync_duration_seconds" + quantile("0.99") + " 65.2",
        "volsync_sync_duration_seconds_count" + APP_LABELS + " 1",
        "volsync_sync_duration_seconds_sum" + APP_LABELS + " 65.2",
        "# HELP volsync_volume_out_of_sync Set to 1 if the volume is not properly synchronized",
        "# TYPE volsync_volume_out_of_sync gauge",
        "volsync_volume_out_of_sync" + APP_LABELS + " 1.0"));
  }

  @Test
  void missedIntervalsCountOnlyTheSyncsThatMissedOne() {
    metrics.completed(APP, Duration.ofSeconds(10), true, AT, null, null);
    metrics.completed(APP, Duration.ofSeconds(30), false, AT.plusSeconds(3600), null, null);
    metrics.completed(APP, Duration.ofSeconds(20), true, AT.plusSeconds(7200), null, null);
    String scrape = metrics.scrape();
    assertThat(scrape).contains("volsync_missed_intervals_total" + APP_LABELS + " 2.0\n")
        .contains("volsync_sync_duration_seconds_count" + APP_LABELS + " 3\n")
        .contains("volsync_sync_duration_seconds_sum" + APP_LABELS + " 60.0\n")
        .contains("volsync_sync_duration_seconds" + quantile("0.5") + " 20.0\n")
        .contains("cairn_last_successful_sync_timestamp_seconds" + APP_LABELS
            + " 1.714572065E9\n");
  }

  @Test
  void aSyncThatMovedNothingKnownLeavesThoseGaugesOut() {
    metrics.completed(APP, Duration.ofSeconds(1), false, AT, null, null);
    assertThat(metrics.scrape()).doesNotContain("cairn_sync_bytes_added",
        "cairn_sync_files_changed", "cairn_sync_runs_total", "volsync_volume_out_of_sync");
  }

  @Test
  void runsAreCountedPerOutcomeWithTheFailureStreak() {
    metrics.run(APP, "failed", 1);
    metrics.run(APP, "locked", 2);
    metrics.run(APP, "failed", 3);
    metrics.run(APP, "partial", 0);
    assertThat(metrics.scrape())
        .contains("cairn_sync_runs_total" + withOutcome("failed") + " 2.0\n")
        .contains("cairn_sync_runs_total" + withOutcome("locked") + " 1.0\n")
        .contains("cairn_sync_runs_total" + withOutcome("partial") + " 1.0\n")
        .contains("cairn_sync_consecutive_failures" + APP_LABELS + " 0.0\n");
    metrics.run(APP, "unreachable", 1);
    assertThat(metrics.scrape())
        .contains("cairn_sync_consecutive_failures" + APP_LABELS + " 1.0\n");
  }

  @Test
  void aDestinationHasRoleDestination() {
    metrics.outOfSync(DB, false);
    assertThat(metrics.scrape()).contains("volsync_volume_out_of_sync{method=\"restic\","
        + "obj_name=\"db\",obj_namespace=\"data\",role=\"destination\"} 0.0\n");
  }

  private static void record(SyncMetrics m, SyncMetrics.Key k, String outcome) {
    m.outOfSync(k, false);
    m.run(k, outcome, 0);
    m.completed(k, Duration.ofSeconds(5), true, AT, 10L, 2L);
  }

  @Test
  void forgetRemovesEverySeriesOfTheResourceAndNothingElse() {
    record(metrics, APP, "ok");
    metrics.run(APP, "failed", 1);
    record(metrics, DB, "partial");
    metrics.forget(APP);

    SyncMetrics onlyDb = new SyncMetrics();
    record(onlyDb, DB, "partial");
    assertThat(metrics.scrape()).isEqualTo(onlyDb.scrape()).doesNotContain("obj_name=\"app\"")
        .contains("obj_name=\"db\"");
    assertThat(metrics.known()).containsExactly(DB);
  }

  @Test
  void forgettingTheLastResourceLeavesAnEmptyScrape() {
    record(metrics, APP, "no-snapshot");
    metrics.forget(APP);
    assertThat(metrics.scrape()).isEmpty();
    assertThat(metrics.known()).isEmpty();
  }

  @Test
  void aResourceRecreatedAfterForgetStartsFromZero() {
    record(metrics, APP, "ok");
    metrics.forget(APP);
    metrics.completed(APP, Duration.ofSeconds(2), false, AT, null, null);
    assertThat(metrics.scrape())
        .contains("volsync_missed_intervals_total" + APP_LABELS + " 0.0\n")
        .contains("volsync_sync_duration_seconds_count" + APP_LABELS + " 1\n")
        .doesNotContain("cairn_sync_runs_total");
  }

  @Test
  void forgettingAnUnknownResourceIsHarmless() {
    record(metrics, DB, "ok");
    String before = metrics.scrape();
    metrics.forget(APP);
    assertThat(metrics.scrape()).isEqualTo(before);
  }

  @Test
  void knownIsACopy() {
    metrics.outOfSync(APP, true);
    var known = metrics.known();
    metrics.outOfSync(DB, true);
    assertThat(known).containsExactly(APP);
    assertThat(metrics.known()).containsExactlyInAnyOrder(APP, DB);
  }
}
