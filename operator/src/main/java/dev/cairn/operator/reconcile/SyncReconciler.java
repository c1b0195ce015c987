package dev.cairn.operator.reconcile;

import dev.cairn.operator.api.v1alpha1.MoverSettings;
import dev.cairn.operator.api.v1alpha1.MoverStatus;
import dev.cairn.operator.api.v1alpha1.RunPlan;
import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import dev.cairn.operator.metrics.SyncMetrics;
import dev.cairn.operator.mover.Labels;
import dev.cairn.operator.mover.MoverNames;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.mover.Role;
import dev.cairn.operator.sync.Decision;
import dev.cairn.operator.sync.GoDuration;
import dev.cairn.operator.sync.InvalidTriggerException;
import dev.cairn.operator.sync.SyncMachine;
import dev.cairn.operator.sync.SyncPolicy;
import dev.cairn.operator.sync.SyncState;
import dev.cairn.operator.volume.Ensured;
import dev.cairn.operator.volume.SpecException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A sync controller for one kind, Volsync's state machine with Cairn's fixes; the kinds differ
 * only in the steps of {@link SyncKind}. Each reconcile: check the spec (a bad one sets {@code
 * Synchronizing=False/Error} with an event and starts nothing), ask the {@link SyncMachine} what
 * to do, and either wait, or start a run (its actions decided now and frozen into its Job), or
 * move the running one along: volumes, ServiceAccount, Job, then its result, which completes
 * the sync or fails it (retried with backoff a bounded number of times, then left until the next
 * slot). The status is written once, at the end, and only when it changed.
 */
public abstract class SyncReconciler<R extends CustomResource<?, ?>> implements Reconciler<R> {
  /** How long an invalid spec waits before it is looked at again (an edit is seen at once). */
  static final Duration SPEC_ERROR_RETRY = Duration.ofSeconds(30);
  /** How long a run waits for a volume or an old Job before looking again. */
  static final Duration WAITING = Duration.ofSeconds(5);

  protected final KubernetesClient client;
  protected final Clock clock;
  protected final SyncMetrics metrics;
  protected final EventRecorder events;
  protected final DecisionLog log;
  protected final ReconcileSettings settings;
  protected final MoverSteps steps;

  protected SyncReconciler(KubernetesClient client, Clock clock, SyncMetrics metrics,
      EventRecorder events, DecisionLog log, ReconcileSettings settings) {
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
    this.events = events;
    this.log = log;
    this.settings = settings;
    this.steps = new MoverSteps(client);
  }

  /** The steps that differ between a source and a destination. */
  protected abstract SyncKind<R> kind();

  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    @SuppressWarnings("unchecked")
    Class<R> primary = (Class<R>) context.getPrimaryResourceClass();
    var jobs = InformerEventSourceConfiguration.from(Job.class, primary)
        .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE)
        .build();
    return List.of(new InformerEventSource<>(jobs, context));
  }

  @Override
  public UpdateControl<R> reconcile(R resource, Context<R> context) {
    Instant now = clock.instant();
    SyncKind<R> kind = kind();
    SyncStatus before = kind.status(resource);
    SyncStatus st = kind.status(resource);
    SyncMetrics.Key key = new SyncMetrics.Key(resource.getMetadata().getName(),
        resource.getMetadata().getNamespace(), kind.role().metricName());
    long generation = resource.getMetadata().getGeneration() == null ? 0
        : resource.getMetadata().getGeneration();
    Duration requeue;
    try {
      kind.tidy(resource);
      MoverSettings restic = kind.restic(resource);
      kind.validate(resource, restic, steps);
      SyncMachine machine = new SyncMachine(policy(resource), resource.getMetadata().getUid());
      TriggerSpec trigger = kind.trigger(resource);
      Run run = new Run(resource, kind, restic, machine, trigger, st, now, generation, key);
      requeue = run.advance();
      metrics.outOfSync(key, machine.outOfSync(trigger, state(resource, st), now));
    } catch (SpecException | InvalidTriggerException e) {
      requeue = specError(resource, st, e.getMessage(), generation, now);
      metrics.outOfSync(key, st.lastSyncTime == null);
    }
    kind.setStatus(resource, st);
    UpdateControl<R> control = Objects.equals(kind.record(before), kind.record(st))
        ? UpdateControl.noUpdate() : UpdateControl.patchStatus(resource);
    requeue = settings.requeue(requeue);
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  private Duration specError(R resource, SyncStatus st, String message, long generation,
      Instant now) {
    String previous = st.conditions.stream()
        .filter(c -> Conditions.SYNCHRONIZING.equals(c.getType())).map(c -> c.getMessage())
        .findFirst().orElse(null);
    Conditions.set(st.conditions, Conditions.SYNCHRONIZING, false, Conditions.ERROR, message,
        generation, now);
    if (!message.equals(previous)) {
      events.record(resource, EventRecorder.WARNING, "SpecError", message);
      log.warn(resource, "spec-error", "message", message);
    }
    return SPEC_ERROR_RETRY;
  }

  /** The resource's retry and jitter policy: the defaults, or its Cairn annotations. */
  SyncPolicy policy(R resource) {
    return policy(settings.policy(), resource);
  }

  /**
   * {@code d}, or what the resource's annotations {@value Labels#START_JITTER} and {@value
   * Labels#MAX_RETRIES} make of it.
   *
   * @throws SpecException naming the annotation whose value is not valid
   */
  public static SyncPolicy policy(SyncPolicy d, HasMetadata resource) {
    Map<String, String> a = resource.getMetadata().getAnnotations();
    if (a == null) {
      return d;
    }
    Duration jitter = d.jitter();
    int retries = d.maxRetries();
    String j = a.get(Labels.START_JITTER);
    if (j != null) {
      try {
        jitter = GoDuration.parse(j);
      } catch (IllegalArgumentException e) {
        throw new SpecException("annotation " + Labels.START_JITTER + " \"" + j
            + "\" is not a duration (e.g. 10m)");
      }
    }
    String r = a.get(Labels.MAX_RETRIES);
    if (r != null) {
      try {
        retries = Integer.parseInt(r.trim());
      } catch (NumberFormatException e) {
        retries = -1;
      }
      if (retries < 0) {
        throw new SpecException("annotation " + Labels.MAX_RETRIES + " \"" + r
            + "\" is not a count of retries (0 or more)");
      }
    }
    return new SyncPolicy(retries, d.firstBackoff(), d.maxBackoff(), jitter, d.syncOnCreate());
  }

  /** The sync machine's view of a resource's status. */
  public static SyncState state(HasMetadata resource, SyncStatus st) {
    RunPlan run = st.currentRun;
    return new SyncState(SyncStatus.time(resource.getMetadata().getCreationTimestamp()),
        st.lastSyncTime, st.lastSyncStartTime, st.nextSyncTime, st.lastManualSync,
        run == null || run.attempt() == null ? 0 : run.attempt(),
        run == null ? null : SyncStatus.time(run.notBefore()), st.consecutiveFailures);
  }

  static OwnerReference ownerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind()).withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).build();
  }

  /** Labels of the objects a controller creates; with the cleanup label when temporary. */
  static Map<String, String> labels(HasMetadata owner, boolean temporary) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put(Labels.CREATED_BY, Labels.CREATED_BY_VALUE);
    l.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    if (temporary) {
      l.put(Labels.CLEANUP, owner.getMetadata().getUid());
    }
    return l;
  }

  /** One reconcile of one resource: decides and moves the sync along. */
  private final class Run {
    private final R resource;
    private final SyncKind<R> kind;
    private final MoverSettings restic;
    private final SyncMachine machine;
    private final TriggerSpec trigger;
    private final SyncStatus st;
    private final Instant now;
    private final long generation;
    private final SyncMetrics.Key key;
    private final MoverNames names;

    Run(R resource, SyncKind<R> kind, MoverSettings restic, SyncMachine machine,
        TriggerSpec trigger, SyncStatus st, Instant now, long generation, SyncMetrics.Key key) {
      this.resource = resource;
      this.kind = kind;
      this.restic = restic;
      this.machine = machine;
      this.trigger = trigger;
      this.st = st;
      this.now = now;
      this.generation = generation;
      this.key = key;
      this.names = new MoverNames(kind.role(), resource.getMetadata().getName());
    }

    Duration advance() {
      Decision d = machine.decide(trigger, kind.paused(resource), state(resource, st), now);
      if (d instanceof Decision.Wait w) {
        return waitFor(w);
      }
      if (d instanceof Decision.Start s) {
        start(s);
      }
      return step();
    }

    private Duration waitFor(Decision.Wait w) {
      if (st.currentRun == null) {
        // the machine's due time is the truth (it keeps the later slot a run that gave up was
        // moved to); otherwise the firing after the last success or the creation
        st.nextSyncTime = Decision.Wait.WAITING_FOR_SCHEDULE.equals(w.reason()) ? w.until()
            : machine.nextSyncTime(trigger, st.lastSyncTime != null ? st.lastSyncTime
                : SyncStatus.time(resource.getMetadata().getCreationTimestamp()));
      }
      Conditions.set(st.conditions, Conditions.SYNCHRONIZING, false, w.reason(),
          waitMessage(w), generation, now);
      return w.until() == null ? null : Duration.between(now, w.until()).plusMillis(50);
    }

    private String waitMessage(Decision.Wait w) {
      return switch (w.reason()) {
        case "WaitingForSchedule" -> "next sync at " + SyncStatus.text(w.until());
        case "WaitingForManual" -> "waiting for spec.trigger.manual to change";
        case "WaitingToRetry" -> "attempt " + st.currentRun.attempt() + " starts at "
            + SyncStatus.text(w.until());
        default -> w.reason();
      };
    }

    private void start(Decision.Start s) {
      List<String> actions;
      String unlock;
      if (s.cause() == Decision.Cause.RETRY && st.currentRun != null) {
        actions = st.currentRun.actions();
        unlock = st.currentRun.unlock();
      } else {
        actions = kind.plan(resource, restic, st, now);
        unlock = kind.unlockTag(restic);
      }
      st.lastSyncStartTime = now;
      st.currentRun = new RunPlan(actions, s.attempt(), names.job(), null, unlock);
      Conditions.set(st.conditions, Conditions.SYNCHRONIZING, true, Conditions.SYNC_IN_PROGRESS,
          "running " + String.join(", ", actions), generation, now);
      events.record(resource, EventRecorder.NORMAL, "SyncStarted", "started "
          + String.join(", ", actions) + " (" + s.cause().name().toLowerCase() + ", attempt "
          + s.attempt() + ")");
      log.info(resource, "start", "cause", s.cause(), "actions", String.join(",", actions),
          "attempt", s.attempt());
    }

    private Duration step() {
      OwnerReference owner = ownerReference(resource);
      Ensured<MoverJobInputs> inputs = kind.prepare(resource, restic, st, names, owner, steps);
      if (inputs instanceof Ensured.Waiting<MoverJobInputs> w) {
        return progressing("waiting for " + w.reason());
      }
      MoverJobInputs in = ((Ensured.Ready<MoverJobInputs>) inputs).value();
      Ensured<Job> job = steps.job(in.job(), MoverSteps.runId(st.lastSyncStartTime,
          st.currentRun.attempt()));
      if (job instanceof Ensured.Waiting<Job> w) {
        return progressing("waiting for " + w.reason());
      }
      Job j = ((Ensured.Ready<Job>) job).value();
      Optional<MoverOutcome> outcome = steps.outcome(j);
      if (outcome.isEmpty()) {
        return progressing("mover running in Job " + j.getMetadata().getName());
      }
      Ensured<Boolean> after = outcome.get().success()
          ? kind.afterMover(resource, restic, st, outcome.get(), names, owner, now)
          : Ensured.ready(true);
      if (after instanceof Ensured.Waiting<Boolean> w) {
        return progressing("waiting for " + w.reason());
      }
      return finish(outcome.get(), in.logTail(client, j));
    }

    private Duration progressing(String message) {
      Conditions.set(st.conditions, Conditions.SYNCHRONIZING, true, Conditions.SYNC_IN_PROGRESS,
          message, generation, now);
      return message.startsWith("mover running") ? settings.poll() : WAITING;
    }

    private Duration finish(MoverOutcome outcome, String logTail) {
      new Outcomes<>(kind, machine, trigger, metrics, events, log).record(resource, restic, st,
          outcome, logTail, key, generation, now);
      boolean retry = st.currentRun != null;
      steps.cleanup(resource.getMetadata().getNamespace(), resource.getMetadata().getUid(),
          names.job(), retry);
      if (!retry) {
        kind.cleanupAfterSync(resource, restic, names, outcome.success());
      }
      Decision next = machine.decide(trigger, kind.paused(resource), state(resource, st), now);
      return next instanceof Decision.Wait w ? waitFor(w) : Duration.ofMillis(100);
    }
  }
}
