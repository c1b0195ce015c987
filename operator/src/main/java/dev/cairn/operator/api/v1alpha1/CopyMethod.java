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

  /**
   * The method a spec names: unset means {@link #Direct}, {@link #None} is {@link #Direct}. The
   * field is a string in the records (the CRD's enum refuses other values at admission), so that
   * a resource with a value this version does not know still loads and gets a clear condition.
   *
   * @throws IllegalArgumentException naming the field and the value
   */
  public static CopyMethod of(String value) {
    if (value == null || value.isEmpty()) {
      return Direct;
    }
    for (CopyMethod m : values()) {
      if (m.name().equals(value)) {
        return m.normalized();
      }
    }
    throw new IllegalArgumentException("spec.restic.copyMethod \"" + value
        + "\" is not one of Direct, None, Clone, Snapshot");
  }

  /** {@link #None} is {@link #Direct}. */
  public CopyMethod normalized() {
    return this == None ? Direct : this;
  }
}
