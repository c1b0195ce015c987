package dev.cairn.operator.volume;

/**
 * A resource's spec names something that does not exist or is not usable ("Secret
 * app-volsync-secret not found", "VolumeSnapshotClass csi-ceph-blockpool not found"): the sync
 * cannot start until the user fixes it. Becomes condition {@code Synchronizing=False/Error} and
 * an event; no Job is created.
 */
public class SpecException extends RuntimeException {
  public SpecException(String message) {
    super(message);
  }
}
