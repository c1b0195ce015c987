package dev.cairn.operator.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * What a successful run writes to status and metrics (Volsync's {@code transitionToCleaningUp}).
 *
 * @param lastSyncTime the completion time
 * @param duration {@code lastSyncDuration}: completion time minus start time, never negative;
 *     observed by {@code volsync_sync_duration_seconds}
 * @param nextSyncTime the next firing after the completion time, or null when the resource is
 *     not schedule-driven; a long sync therefore skips slots instead of queueing them
 * @param lastManualSync the manual tag the sync completed for, or null
 * @param missedInterval the sync ended after the firing that follows the one after the previous
 *     success: count it in {@code volsync_missed_intervals_total}
 */
public record Completion(Instant lastSyncTime, Duration duration, Instant nextSyncTime,
    String lastManualSync, boolean missedInterval) {}
