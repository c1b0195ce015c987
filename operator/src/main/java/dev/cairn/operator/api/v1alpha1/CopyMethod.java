package dev.cairn.operator.api.v1alpha1;

/** How the point-in-time copy of a volume is made ({@code CopyMethodType}). */
public enum CopyMethod {
  /** Use the volume itself. */
  Direct,
  /** Deprecated alias of {@link #Direct}. */
  None,
  /** A new PVC cloned from the volume. */
  Clone,
  /** A CSI VolumeSnapshot of the volume, and a PVC made from it. */
  Snapshot;

  /** {@link #None} is {@link #Direct}. */
  public CopyMethod normalized() {
    return this == None ? Direct : this;
  }
}
