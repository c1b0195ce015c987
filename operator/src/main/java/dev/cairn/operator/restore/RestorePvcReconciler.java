package dev.cairn.operator.restore;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.reconcile.DecisionLog;
import dev.cairn.operator.reconcile.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code cairn restore-pvc} asked for by annotating a ReplicationDestination ({@link
 * RestorePvcAnnotations}): the operator takes the request (removes the asking annotations and
 * sets phase Running), runs the restore from the destination's repository on a thread of its
 * own, since it waits minutes, and answers with the phase, the message and events on the
 * destination (the steps are events on the PVC, as from the command). A Running phase that no
 * thread of this operator owns was cut short by a restart: it becomes Failed, saying so, since
 * a restore's rollback lives in the process that ran it.
 */
@ControllerConfiguration(name = "restore-pvc", generationAwareEventProcessing = false)
public final class RestorePvcReconciler implements Reconciler<ReplicationDestination>,
    AutoCloseable {
  private final KubernetesClient client;
  private final Clock clock;
  private final EventRecorder events;
  private final DecisionLog log;
  private final Duration timeout;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cairn-restore-pvc");
    t.setDaemon(true);
    return t;
  });

  /** @param timeout the bound of each wait of a restore (as {@code --timeout}) */
  public RestorePvcReconciler(KubernetesClient client, Clock clock, EventRecorder events,
      DecisionLog log, Duration timeout) {
    this.client = client;
    this.clock = clock;
    this.events = events;
    this.log = log;
    this.timeout = timeout;
  }

  @Override
  public UpdateControl<ReplicationDestination> reconcile(ReplicationDestination rd,
      Context<ReplicationDestination> context) {
    String key = rd.getMetadata().getNamespace() + "/" + rd.getMetadata().getName();
    if (running.contains(key)) {
      return UpdateControl.noUpdate(); // its end is a patch, which brings the next request
    }
    String pvc = RestorePvcAnnotations.requested(rd);
    if (pvc == null) {
      if (RestorePvcAnnotations.RUNNING.equals(RestorePvcAnnotations.phase(rd))) {
        finish(rd, RestorePvcAnnotations.FAILED, "the operator restarted during the restore;"
            + " it was not rolled back: check the PersistentVolumeClaims and the"
            + " PersistentVolumes (reclaim policy Retain) of namespace "
            + rd.getMetadata().getNamespace() + ", and the workloads' annotation "
            + WorkloadScaler.REPLICAS + ", then ask again");
      }
      return UpdateControl.noUpdate();
    }
    RestoreRequest request;
    try {
      request = RestorePvcAnnotations.request(rd, timeout);
    } catch (IllegalArgumentException e) {
      take(rd, RestorePvcAnnotations.FAILED, e.getMessage());
      events.record(rd, EventRecorder.WARNING, "RestorePvcFailed", e.getMessage());
      return UpdateControl.noUpdate();
    }
    running.add(key);
    try {
      take(rd, RestorePvcAnnotations.RUNNING, "restoring PersistentVolumeClaim " + pvc
          + " since " + clock.instant());
    } catch (KubernetesClientException e) {
      running.remove(key);
      throw e; // the SDK retries the reconcile
    }
    events.record(rd, EventRecorder.NORMAL, "RestorePvcStarted", "restoring"
        + " PersistentVolumeClaim " + pvc + " in place from this destination's repository");
    log.info(rd, "restore-pvc", "pvc", pvc);
    threads.execute(() -> run(rd, request, key));
    return UpdateControl.noUpdate();
  }

  private void run(ReplicationDestination rd, RestoreRequest request, String key) {
    StringBuilder last = new StringBuilder();
    try {
      new PvcRestorer(client, clock, line -> {
        last.setLength(0);
        last.append(line);
        log.info(rd, "restore-pvc-step", "pvc", request.pvc(), "step", line);
      }, StepHook.NONE).run(request);
      events.record(rd, EventRecorder.NORMAL, "RestorePvcSucceeded", last.toString());
      finish(rd, RestorePvcAnnotations.SUCCEEDED, last.toString());
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      events.record(rd, EventRecorder.WARNING, "RestorePvcFailed", message);
      log.warn(rd, "restore-pvc-failed", "pvc", request.pvc(), "error", message);
      finish(rd, RestorePvcAnnotations.FAILED, message);
    } finally {
      running.remove(key);
    }
  }

  /** Removes the asking annotations and sets the phase and message. */
  private void take(ReplicationDestination rd, String phase, String message) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(RestorePvcAnnotations.PVC, null);
    a.put(RestorePvcAnnotations.AS_OF, null);
    a.put(RestorePvcAnnotations.PREVIOUS, null);
    a.put(RestorePvcAnnotations.PHASE, phase);
    a.put(RestorePvcAnnotations.MESSAGE, message);
    patch(rd, a);
  }

  private void finish(ReplicationDestination rd, String phase, String message) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(RestorePvcAnnotations.PHASE, phase);
    a.put(RestorePvcAnnotations.MESSAGE, message);
    try {
      patch(rd, a);
    } catch (KubernetesClientException e) {
      log.warn(rd, "restore-pvc-not-recorded", "phase", phase, "error", e.getMessage());
    }
  }

  /** Sets (a null value: removes) {@code annotations} on the destination as it is now. */
  private void patch(ReplicationDestination rd, Map<String, String> annotations) {
    client.resources(ReplicationDestination.class).inNamespace(rd.getMetadata().getNamespace())
        .withName(rd.getMetadata().getName()).edit(current -> {
          Map<String, String> a = current.getMetadata().getAnnotations() == null
              ? new LinkedHashMap<>() : new LinkedHashMap<>(current.getMetadata().getAnnotations());
          annotations.forEach((k, v) -> {
            if (v == null) {
              a.remove(k);
            } else {
              a.put(k, v);
            }
          });
          current.getMetadata().setAnnotations(a);
          return current;
        });
  }

  /** Interrupts the restores still running: each rolls back as it stops. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
