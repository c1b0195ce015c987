package dev.cairn.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;

/** The Job a run needs, built from its ensured volumes and environment. */
record MoverJobInputs(Job job) {
  /** Volsync's status log excerpt: at most this many bytes of the end of the mover's log. */
  static final int LOG_MAX = 1024;

  /** The end of the mover pod's log, for {@code latestMoverStatus.logs}; empty if unreadable. */
  String logTail(KubernetesClient client, Job j) {
    try {
      Pod pod = client.pods().inNamespace(j.getMetadata().getNamespace())
          .withLabel("job-name", j.getMetadata().getName()).list().getItems().stream()
          .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
              : p.getMetadata().getCreationTimestamp()))
          .orElse(null);
      if (pod == null) {
        return "";
      }
      String text = client.pods().inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName()).tailingLines(30).getLog();
      if (text == null) {
        return "";
      }
      // the last line is the JSON result, which lastResult already holds
      String[] lines = text.strip().split("\n");
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < lines.length; i++) {
        if (i == lines.length - 1 && lines[i].startsWith("{")) {
          break;
        }
        sb.append(lines[i]).append('\n');
      }
      String tail = sb.toString();
      return tail.length() <= LOG_MAX ? tail : tail.substring(tail.length() - LOG_MAX);
    } catch (KubernetesClientException e) {
      return "";
    }
  }
}
