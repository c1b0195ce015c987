package dev.cairn.operator.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Locale;

/**
 * Writes Kubernetes events about a resource ({@code kubectl describe} and {@code kubectl get
 * events} show them): what a sync did, and why it could not start. A failure to write an event
 * is logged, never fails the reconcile.
 */
public final class EventRecorder {
  /** Event types. */
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  static final String COMPONENT = "cairn-operator";

  private final KubernetesClient client;
  private final Clock clock;
  private final DecisionLog log;

  public EventRecorder(KubernetesClient client, Clock clock, DecisionLog log) {
    this.client = client;
    this.clock = clock;
    this.log = log;
  }

  /** Records {@code reason} with {@code message} about {@code about}. */
  public void record(HasMetadata about, String type, String reason, String message) {
    String now = SyncStatus.text(clock.instant());
    String ns = about.getMetadata().getNamespace();
    Event e = new EventBuilder()
        .withNewMetadata()
            .withGenerateName(about.getMetadata().getName() + ".")
            .withNamespace(ns)
        .endMetadata()
        .withNewInvolvedObject()
            .withApiVersion(about.getApiVersion()).withKind(about.getKind())
            .withName(about.getMetadata().getName()).withNamespace(ns)
            .withUid(about.getMetadata().getUid())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(ns).resource(e).create();
    } catch (KubernetesClientException ex) {
      log.warn(about, "event-not-recorded", "reason", reason, "error",
          ex.getMessage() == null ? ex.toString() : ex.getMessage().toLowerCase(Locale.ROOT));
    }
  }
}
