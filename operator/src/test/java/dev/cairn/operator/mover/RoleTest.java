package dev.cairn.operator.mover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.metrics.SyncMetrics;
import org.junit.jupiter.api.Test;

/** The two sides of a replication and the names Volsync gives them. */
class RoleTest {
  @Test
  void aSourceIsSrcInObjectNamesAndSourceInMetrics() {
    assertThat(Role.SOURCE.shortName()).isEqualTo("src");
    assertThat(Role.SOURCE.metricName()).isEqualTo("source");
  }

  @Test
  void aDestinationIsDstInObjectNamesAndDestinationInMetrics() {
    assertThat(Role.DESTINATION.shortName()).isEqualTo("dst");
    assertThat(Role.DESTINATION.metricName()).isEqualTo("destination");
  }

  @Test
  void thereAreExactlyTwoRoles() {
    assertThat(Role.values()).containsExactly(Role.SOURCE, Role.DESTINATION);
  }

  @Test
  void theShortNameIsWhatTheJobAndCacheNamesUse() {
    // volsync-reference.md 3.7: volsync-src-<rs> / volsync-dst-<rd>, and their caches
    assertThat(new MoverNames(Role.SOURCE, "app").job()).isEqualTo("volsync-src-app");
    assertThat(new MoverNames(Role.DESTINATION, "app").job()).isEqualTo("volsync-dst-app");
    assertThat(new MoverNames(Role.DESTINATION, "app").cache())
        .isEqualTo("volsync-dst-app-cache");
  }

  @Test
  void theMetricNameIsTheRoleLabelOfTheScrape() {
    // volsync-reference.md 4: role is "source" or "destination"
    SyncMetrics metrics = new SyncMetrics();
    metrics.outOfSync(new SyncMetrics.Key("app", "apps", Role.SOURCE.metricName()), true);
    metrics.outOfSync(new SyncMetrics.Key("app", "apps", Role.DESTINATION.metricName()), false);
    assertThat(metrics.scrape())
        .contains("obj_namespace=\"apps\",role=\"source\"} 1.0\n")
        .contains("obj_namespace=\"apps\",role=\"destination\"} 0.0\n");
  }
}
