package dev.cairn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cairn.operator.metrics.SyncMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: Prometheus' own {@code promtool} accepts the alert rules and fires each alert on
 * series shaped like the operator's ({@code deploy/monitoring/rules-test.yaml}); the rules and
 * the dashboard name only series the operator's {@code /metrics} really exports.
 */
class DeployMonitoringTest {
  static final Path MONITORING = DeployBundle.DEPLOY.resolve("monitoring");
  static final Pattern METRIC = Pattern.compile("\\b((?:volsync|cairn)_[a-z_]+)\\b");
  @TempDir Path tmp;

  @Test
  void promtoolChecksAndTestsTheRules() throws Exception {
    DeployTool promtool = DeployTool.promtool();
    JsonNode rule = new YAMLMapper().readTree(MONITORING.resolve("prometheusrule.yaml").toFile());
    // a PrometheusRule's spec is a Prometheus rules file
    new YAMLMapper().writeValue(tmp.resolve("rules.yaml").toFile(), rule.get("spec"));
    Files.copy(MONITORING.resolve("rules-test.yaml"), tmp.resolve("rules-test.yaml"));
    assertThat(promtool.ok(tmp, "check", "rules", "rules.yaml")).contains("SUCCESS: 6 rules");
    assertThat(promtool.ok(tmp, "test", "rules", "rules-test.yaml")).contains("SUCCESS");
    // every alert has a test that fires it
    Set<String> alerts = new TreeSet<>();
    rule.at("/spec/groups/0/rules").forEach(r -> alerts.add(r.path("alert").asText()));
    String tests = Files.readString(MONITORING.resolve("rules-test.yaml"));
    assertThat(alerts).allSatisfy(a -> assertThat(tests).contains("alertname: " + a));
  }

  @Test
  void rulesAndDashboardUseOnlyExportedSeries() throws Exception {
    Set<String> exported = exported();
    assertThat(exported).contains("volsync_volume_out_of_sync", "cairn_sync_runs_total",
        "volsync_sync_duration_seconds_count");
    Set<String> used = used(Files.readString(MONITORING.resolve("prometheusrule.yaml")));
    used.addAll(used(Files.readString(MONITORING.resolve("dashboard.json"))));
    assertThat(exported).containsAll(used);
    // and the rules test feeds the rules the same series
    assertThat(exported).containsAll(used(Files.readString(
        MONITORING.resolve("rules-test.yaml"))));
    // every family the operator exports appears on the dashboard
    String dashboard = Files.readString(MONITORING.resolve("dashboard.json"));
    assertThat(exported.stream().filter(n -> !n.endsWith("_count") && !n.endsWith("_sum")))
        .allSatisfy(n -> assertThat(dashboard).contains(n));
  }

  /** The series names in the operator's {@code /metrics} once a resource has run. */
  static Set<String> exported() {
    SyncMetrics metrics = new SyncMetrics();
    SyncMetrics.Key key = new SyncMetrics.Key("notes", "notes", "source");
    metrics.outOfSync(key, false);
    metrics.run(key, "failed", 1);
    metrics.completed(key, Duration.ofSeconds(42), true, Instant.now(), 1024L, 3L);
    metrics.run(key, "ok", 0);
    Set<String> names = new TreeSet<>();
    metrics.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }

  /** The metric names a text mentions ({@code volsync_*}, {@code cairn_*}). */
  static Set<String> used(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
