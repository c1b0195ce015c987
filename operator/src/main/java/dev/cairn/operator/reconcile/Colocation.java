package dev.cairn.operator.reconcile;

import dev.cairn.operator.mover.Labels;
import dev.cairn.operator.mover.MoverJob;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Where a mover reading a volume directly (copyMethod Direct) must run, as Volsync decides it:
 * on the node of a running (else pending) pod that uses the volume, with that pod's tolerations,
 * so that a ReadWriteOnce volume can be mounted twice; anywhere for a ReadWriteMany volume or one
 * nobody uses.
 */
final class Colocation {
  static final String HOSTNAME = "kubernetes.io/hostname";

  private final KubernetesClient client;

  Colocation(KubernetesClient client) {
    this.client = client;
  }

  MoverJob.Placement of(PersistentVolumeClaim pvc) {
    List<String> modes = pvc.getStatus() == null ? null : pvc.getStatus().getAccessModes();
    if (modes != null && modes.contains("ReadWriteMany")) {
      return MoverJob.Placement.ANYWHERE;
    }
    Pod candidate = null;
    for (Pod p : client.pods().inNamespace(pvc.getMetadata().getNamespace()).list().getItems()) {
      if (!uses(p, pvc.getMetadata().getName()) || ours(p) || p.getStatus() == null) {
        continue;
      }
      String phase = p.getStatus().getPhase();
      if ("Running".equals(phase) || ("Pending".equals(phase) && candidate == null)) {
        candidate = p;
      }
    }
    if (candidate == null || candidate.getSpec().getNodeName() == null) {
      return MoverJob.Placement.ANYWHERE;
    }
    Node node = client.nodes().withName(candidate.getSpec().getNodeName()).get();
    String host = node == null || node.getMetadata().getLabels() == null ? null
        : node.getMetadata().getLabels().get(HOSTNAME);
    return new MoverJob.Placement(host == null ? Map.of() : Map.of(HOSTNAME, host),
        candidate.getSpec().getTolerations() == null ? List.of()
            : candidate.getSpec().getTolerations());
  }

  private static boolean uses(Pod p, String claim) {
    if (p.getSpec() == null || p.getSpec().getVolumes() == null) {
      return false;
    }
    for (Volume v : p.getSpec().getVolumes()) {
      if (v.getPersistentVolumeClaim() != null
          && claim.equals(v.getPersistentVolumeClaim().getClaimName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean ours(Pod p) {
    Map<String, String> l = p.getMetadata().getLabels();
    return l != null && Labels.CREATED_BY_VALUE.equals(l.get(Labels.CREATED_BY));
  }
}
