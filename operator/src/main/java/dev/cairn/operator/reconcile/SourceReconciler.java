package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.metrics.SyncMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.time.Clock;

/** The ReplicationSource controller: scheduled backups of a PVC. */
@ControllerConfiguration(name = "replicationsource")
public final class SourceReconciler extends SyncReconciler<ReplicationSource> {
  private final SourceKind kind;

  public SourceReconciler(KubernetesClient client, Clock clock, SyncMetrics metrics,
      EventRecorder events, DecisionLog log, ReconcileSettings settings) {
    super(client, clock, metrics, events, log, settings);
    this.kind = new SourceKind(client, settings);
  }

  @Override
  protected SyncKind<ReplicationSource> kind() {
    return kind;
  }
}
