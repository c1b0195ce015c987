package dev.cairn.operator.reconcile;

import dev.cairn.operator.sync.SyncPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * How the controllers run syncs.
 *
 * @param moverImage the image of the mover Jobs ({@code --mover-image}, {@code
 *     RELATED_IMAGE_RESTIC_CONTAINER})
 * @param controllerEnv the controller's environment: its proxies are passed to the movers
 * @param policy retries, backoff and jitter unless a resource's annotations say otherwise
 * @param poll how often a running sync is looked at when no event comes
 * @param maxRequeue the longest a resource waits for its next look, whatever its schedule says
 *     (the operator's resync): a wall clock that jumps, or a lost event, is noticed within it
 */
public record ReconcileSettings(String moverImage, Map<String, String> controllerEnv,
    SyncPolicy policy, Duration poll, Duration maxRequeue) {
  public ReconcileSettings {
    controllerEnv = Map.copyOf(controllerEnv);
  }

  /** {@code wanted}, capped at {@link #maxRequeue}; null stays null. */
  public Duration requeue(Duration wanted) {
    return wanted == null || wanted.compareTo(maxRequeue) <= 0 ? wanted : maxRequeue;
  }
}
