/**
 * Volsync's API, {@code volsync.backube/v1alpha1}: {@link
 * dev.cairn.operator.api.v1alpha1.ReplicationSource} and {@link
 * dev.cairn.operator.api.v1alpha1.ReplicationDestination} with the same field names, types and
 * meanings as Volsync's Go types, so that Volsync's manifests apply unchanged. The specs of the
 * movers Cairn does not run (rsync, rsyncTLS, rclone, syncthing, external) are kept as free-form
 * objects: a manifest that uses them applies, and the controller reports that it only runs
 * restic. Status carries Volsync's fields plus Cairn's own: the last run's structured result,
 * the run in progress, and the count of consecutive failures. The CRDs in {@code deploy/crds/}
 * are generated from these classes.
 */
package dev.cairn.operator.api.v1alpha1;
