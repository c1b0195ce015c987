/**
 * The one-step in-place restore ({@code cairn restore-pvc}): a PVC's contents replaced by a
 * restic snapshot under the same name, so the workloads that mount it come back on the restored
 * data. {@code PvcRestorer} runs the steps ({@code RestoreStep}) in order and rolls back on any
 * failure: {@code Preflight} refuses what it cannot do safely (unknown PVC, no or several backing
 * ReplicationSources, a source mid-run, bare pods), {@code TemporaryRestore} restores into a new
 * PVC through a ReplicationDestination and insists that a snapshot was really restored, {@code
 * WorkloadScaler} records and scales the Deployments and StatefulSets that mount the PVC, and
 * {@code VolumeSwap} binds the restored PersistentVolume to a claim of the original name (no
 * data is copied twice) while the original volume is kept (reclaim policy Retain). {@code
 * RestorePvcReconciler} runs the same in the operator when a ReplicationDestination carries the
 * {@code RestorePvcAnnotations}.
 */
package dev.cairn.operator.restore;
