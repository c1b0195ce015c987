package dev.cairn.e2e;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;

/** What the destination tests read and change on a ReplicationDestination. */
final class Destinations {
  private Destinations() {}

  static ReplicationDestinationStatus status(MockCluster c, String ns, String name) {
    ReplicationDestination rd = c.destination(ns, name);
    return rd == null ? null : rd.getStatus();
  }

  /** Whether no sync is running or waiting to retry. */
  static boolean idle(MockCluster c, String ns, String name) {
    ReplicationDestinationStatus st = status(c, ns, name);
    return st != null && st.lastResult() != null && st.lastSyncStartTime() == null
        && st.currentRun() == null;
  }

  /** Whether {@code n} runs have finished and none runs now. */
  static boolean finished(MockCluster c, String ns, String name, int n) {
    ReplicationDestinationStatus st = status(c, ns, name);
    return st != null && st.lastSyncStartTime() == null
        && events(c, ns, name, "SyncSucceeded").size()
            + events(c, ns, name, "SyncFailed").size()
            + events(c, ns, name, "SyncRetriesExhausted").size() >= n;
  }

  static Condition condition(MockCluster c, String ns, String name, String type) {
    return status(c, ns, name).conditions().stream().filter(x -> type.equals(x.getType()))
        .findFirst().orElseThrow(() -> new AssertionError("no condition " + type));
  }

  /** The events about {@code name} with {@code reason}, oldest first. */
  static List<Event> events(MockCluster c, String ns, String name, String reason) {
    return c.client().v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())
            && reason.equals(e.getReason()))
        .toList();
  }

  /** Applies a JSON merge patch to the destination, e.g. {@code {"spec":{...}}}. */
  static void patch(MockCluster c, String ns, String name, String json) {
    c.client().resources(ReplicationDestination.class).inNamespace(ns).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** A literal environment variable of the Job's container. */
  static String env(Job job, String name) {
    List<EnvVar> env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
        .getValue();
  }
}
