package dev.cairn.operator.restore;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Map;

/**
 * The annotations of a ReplicationDestination that ask the operator for {@code cairn
 * restore-pvc}, and those it answers with. The user sets {@value #PVC} (and at most one of
 * {@value #AS_OF} and {@value #PREVIOUS}); the operator removes them when it takes the request,
 * so that setting them again asks again, and writes {@value #PHASE} ({@code Running}, {@code
 * Succeeded} or {@code Failed}) and {@value #MESSAGE}.
 */
public final class RestorePvcAnnotations {
  /** The PVC to restore in place, in the destination's namespace; its repository is the RD's. */
  public static final String PVC = "cairn.dev/restore-pvc";
  /** Restore the newest snapshot at or before this time (as {@code --as-of}). */
  public static final String AS_OF = "cairn.dev/restore-pvc-as-of";
  /** Skip this many snapshots back from the newest (as {@code --previous}). */
  public static final String PREVIOUS = "cairn.dev/restore-pvc-previous";
  /** Where the request is: Running, Succeeded, Failed. */
  public static final String PHASE = "cairn.dev/restore-pvc-phase";
  /** What the restore did, or which step failed and why. */
  public static final String MESSAGE = "cairn.dev/restore-pvc-message";

  /** The phases of {@value #PHASE}. */
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private RestorePvcAnnotations() {}

  /** The PVC {@code rd} asks to restore, or null. */
  static String requested(HasMetadata rd) {
    String pvc = annotations(rd).get(PVC);
    return pvc == null || pvc.isBlank() ? null : pvc.trim();
  }

  static String phase(HasMetadata rd) {
    return annotations(rd).get(PHASE);
  }

  /**
   * The request {@code rd} carries, restoring from its repository; an {@link
   * IllegalArgumentException} naming the annotation when a value is not valid.
   */
  static RestoreRequest request(HasMetadata rd, Duration timeout) {
    Map<String, String> a = annotations(rd);
    Integer previous = null;
    String p = a.get(PREVIOUS);
    if (p != null && !p.isBlank()) {
      try {
        previous = Integer.valueOf(p.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("annotation " + PREVIOUS + " is not a number: " + p);
      }
    }
    String asOf = a.get(AS_OF);
    try {
      return new RestoreRequest(rd.getMetadata().getNamespace(), requested(rd),
          asOf == null || asOf.isBlank() ? null : asOf.trim(), previous,
          rd.getMetadata().getName(), false, timeout);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("annotations " + AS_OF + " and " + PREVIOUS + ": "
          + e.getMessage().replace("--as-of", AS_OF).replace("--previous", PREVIOUS), e);
    }
  }

  private static Map<String, String> annotations(HasMetadata rd) {
    Map<String, String> a = rd.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }
}
