package dev.cairn.e2e;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Deployment and StatefulSet controllers of {@link ClusterStandIn}, as far as a restore
 * needs them: a workload scaled to zero loses its pods (those its selector matches). Tests
 * create the pods themselves.
 */
final class WorkloadController {
  private final KubernetesClient client;

  WorkloadController(KubernetesClient client) {
    this.client = client;
  }

  /** One pass. */
  void tick() {
    for (var d : client.apps().deployments().inAnyNamespace().list().getItems()) {
      if (Integer.valueOf(0).equals(d.getSpec().getReplicas())) {
        deletePods(d.getMetadata().getNamespace(), d.getSpec().getSelector());
      }
    }
    for (var s : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
      if (Integer.valueOf(0).equals(s.getSpec().getReplicas())) {
        deletePods(s.getMetadata().getNamespace(), s.getSpec().getSelector());
      }
    }
  }

  private void deletePods(String ns, LabelSelector selector) {
    if (selector == null || selector.getMatchLabels() == null
        || selector.getMatchLabels().isEmpty()) {
      return;
    }
    client.pods().inNamespace(ns).withLabels(selector.getMatchLabels()).delete();
  }
}
