package dev.cairn.operator.restore;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the Deployments and StatefulSets that mount a PVC, and scales them. The replica count a
 * workload comes back to is recorded in its annotation {@value #REPLICAS} before it is scaled to
 * zero, so a run that died half way leaves the count where a rerun finds it.
 */
final class WorkloadScaler {
  /** The annotation holding a workload's replica count while a restore has it scaled down. */
  static final String REPLICAS = "cairn.dev/restore-pvc-replicas";

  private final KubernetesClient client;
  private final String namespace;

  WorkloadScaler(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The workloads whose pods mount {@code pvc}. */
  List<Workload> mounting(String pvc) {
    List<Workload> out = new ArrayList<>();
    for (var d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      if (claims(d.getSpec().getTemplate(), pvc)) {
        out.add(new Workload("Deployment", d.getMetadata().getName(),
            recorded(d, d.getSpec().getReplicas())));
      }
    }
    for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      if (claims(s.getSpec().getTemplate(), pvc) || fromTemplate(s, pvc)) {
        out.add(new Workload("StatefulSet", s.getMetadata().getName(),
            recorded(s, s.getSpec().getReplicas())));
      }
    }
    return out;
  }

  /** Records {@code w}'s replica count on it and scales it to zero. */
  void scaleDown(Workload w) {
    patch(w, "{\"metadata\":{\"annotations\":{\"" + REPLICAS + "\":\"" + w.replicas()
        + "\"}},\"spec\":{\"replicas\":0}}");
  }

  /** Scales {@code w} back to its recorded count and drops the record. */
  void scaleUp(Workload w) {
    if (w.kind().equals("Deployment")) {
      client.apps().deployments().inNamespace(namespace).withName(w.name()).edit(d -> {
        d.getSpec().setReplicas(w.replicas());
        forget(d);
        return d;
      });
    } else {
      client.apps().statefulSets().inNamespace(namespace).withName(w.name()).edit(s -> {
        s.getSpec().setReplicas(w.replicas());
        forget(s);
        return s;
      });
    }
  }

  private static void forget(HasMetadata w) {
    if (w.getMetadata().getAnnotations() != null) {
      w.getMetadata().getAnnotations().remove(REPLICAS);
    }
  }

  /** The names of the pods that still mount {@code pvc}. */
  List<String> podsMounting(String pvc) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> mounts(p.getSpec(), pvc)).map(p -> p.getMetadata().getName()).toList();
  }

  static boolean mounts(PodSpec spec, String pvc) {
    if (spec == null || spec.getVolumes() == null) {
      return false;
    }
    for (Volume v : spec.getVolumes()) {
      if (v.getPersistentVolumeClaim() != null
          && pvc.equals(v.getPersistentVolumeClaim().getClaimName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean claims(PodTemplateSpec template, String pvc) {
    return template != null && mounts(template.getSpec(), pvc);
  }

  /** Whether {@code pvc} is {@code <template>-<statefulset>-<ordinal>}. */
  private static boolean fromTemplate(StatefulSet s, String pvc) {
    if (s.getSpec().getVolumeClaimTemplates() == null) {
      return false;
    }
    for (var t : s.getSpec().getVolumeClaimTemplates()) {
      String prefix = t.getMetadata().getName() + "-" + s.getMetadata().getName() + "-";
      if (pvc.startsWith(prefix) && pvc.substring(prefix.length()).matches("[0-9]+")) {
        return true;
      }
    }
    return false;
  }

  private static int recorded(HasMetadata w, Integer replicas) {
    Map<String, String> a = w.getMetadata().getAnnotations();
    if (a != null && a.get(REPLICAS) != null) {
      return Integer.parseInt(a.get(REPLICAS));
    }
    return replicas == null ? 1 : replicas;
  }

  private void patch(Workload w, String json) { // scaleDown only: adds, never removes
    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
    if (w.kind().equals("Deployment")) {
      client.apps().deployments().inNamespace(namespace).withName(w.name()).patch(merge, json);
    } else {
      client.apps().statefulSets().inNamespace(namespace).withName(w.name()).patch(merge, json);
    }
  }
}
