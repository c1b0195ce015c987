package dev.cairn.operator.mover;

/** The labels and annotations the controllers read and write, Volsync's names where it has them. */
public final class Labels {
  /** On temporaries of one sync: the owner's uid; everything carrying it is deleted after it. */
  public static final String CLEANUP = "volsync.backube/cleanup";
  /** On mover pods: the ReplicationSource's or ReplicationDestination's name. */
  public static final String OWNER = "volsync.backube/owner";
  /** On VolumeSnapshots the user wants kept. */
  public static final String DO_NOT_DELETE = "volsync.backube/do-not-delete";
  /** On everything the controller creates. */
  public static final String CREATED_BY = "app.kubernetes.io/created-by";
  public static final String CREATED_BY_VALUE = "volsync";
  /** On everything the controller creates: which controller. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "cairn";
  /** Namespace annotation allowing privileged movers. */
  public static final String PRIVILEGED_MOVERS = "volsync.backube/privileged-movers";
  /** Resource annotation: run the mover in debug mode. */
  public static final String DEBUG_MOVER = "volsync.backube/enable-debug-mover";
  /** Resource annotation (Cairn): spread the start of scheduled syncs over this duration. */
  public static final String START_JITTER = "cairn.dev/start-jitter";
  /** Resource annotation (Cairn): retries of a failed run before waiting for the next slot. */
  public static final String MAX_RETRIES = "cairn.dev/max-retries";

  private Labels() {}
}
