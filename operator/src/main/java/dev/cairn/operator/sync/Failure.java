package dev.cairn.operator.sync;

import java.time.Instant;

/**
 * What a failed run writes to status: Cairn's bounded retries, where Volsync recreates the Job
 * forever (#1228). Either {@code retry} or {@code gaveUp} is true, never both.
 *
 * @param consecutiveFailures failed runs since the last success, this one included
 * @param retry the run is tried again at {@code retryAt}
 * @param nextAttempt the retry's attempt number; 0 when the machine gave up
 * @param retryAt when the retry may start; null when the machine gave up
 * @param nextSyncTime the value for {@code status.nextSyncTime}: unchanged while retrying;
 *     after giving up, the next firing after now (schedule), now plus {@link
 *     SyncPolicy#maxBackoff()} (continuous) or null (manual)
 * @param lastManualSync the value for {@code status.lastManualSync}: unchanged while retrying;
 *     after giving up on a manual trigger, its tag, so that it waits for the next tag
 * @param gaveUp the retries are spent; the resource waits for its next slot or tag
 */
public record Failure(int consecutiveFailures, boolean retry, int nextAttempt, Instant retryAt,
    Instant nextSyncTime, String lastManualSync, boolean gaveUp) {}
