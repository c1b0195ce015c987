/**
 * Volumes of a sync: the point-in-time copy of a source volume per {@code copyMethod} (the volume
 * itself, a clone, or a CSI VolumeSnapshot and a PVC made from it), the cache PVC, and the
 * destination PVC, with Volsync's fallbacks for capacity, storage class and access modes. Each
 * {@code ensure} call is idempotent: it creates what is missing and says whether the volume is
 * ready, so a controller can call it on every reconcile.
 */
package dev.cairn.operator.volume;
