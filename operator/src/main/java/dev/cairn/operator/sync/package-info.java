/**
 * When a ReplicationSource or ReplicationDestination syncs: Volsync's state machine as pure
 * functions, with no Kubernetes and no clock (every method takes {@code now}).
 *
 * <p>Vocabulary. A <em>trigger</em> ({@link dev.cairn.operator.sync.TriggerKind}) is a manual
 * tag, a {@link dev.cairn.operator.sync.Schedule} (robfig/cron as Volsync parses it, UTC), or
 * none (continuous). A <em>firing</em> is a time the schedule selects, moved later by the
 * resource's <em>jitter offset</em>; a <em>slot</em> is the chance to sync that a firing, a new
 * manual tag or the end of the previous sync gives. A <em>run</em> is one mover Job; an
 * <em>attempt</em> numbers the runs within a slot. The state ({@link
 * dev.cairn.operator.sync.SyncState}) is derived from status timestamps, as in Volsync: a run
 * is in progress while {@code lastSyncStartTime} is set.
 *
 * <p>Flow. Each reconcile asks {@link dev.cairn.operator.sync.SyncMachine#decide} for a {@link
 * dev.cairn.operator.sync.Decision}: start, wait, or continue the run. When the run ends, {@link
 * dev.cairn.operator.sync.SyncMachine#completed} or {@link
 * dev.cairn.operator.sync.SyncMachine#failed} says what to write. Where Volsync is wrong the
 * machine departs from it, as {@link dev.cairn.operator.sync.SyncPolicy} describes: bounded
 * retries with backoff (Volsync #1228, #1415), jitter against the thundering herd, and an
 * opt-out of the immediate first sync (#627). {@link dev.cairn.operator.sync.GoDuration} writes
 * durations as Volsync's status does.
 */
package dev.cairn.operator.sync;
