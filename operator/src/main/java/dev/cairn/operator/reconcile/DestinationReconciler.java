package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.metrics.SyncMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.time.Clock;

/** The ReplicationDestination controller: restores into a PVC, on a trigger. */
@ControllerConfiguration(name = "replicationdestination")
public final class DestinationReconciler extends SyncReconciler<ReplicationDestination> {
  private final DestinationKind kind;

  public DestinationReconciler(KubernetesClient client, Clock clock, SyncMetrics metrics,
      EventRecorder events, DecisionLog log, ReconcileSettings settings) {
    super(client, clock, metrics, events, log, settings);
    this.kind = new DestinationKind(client, settings, events, log);
  }

  @Override
  protected SyncKind<ReplicationDestination> kind() {
    return kind;
  }
}
