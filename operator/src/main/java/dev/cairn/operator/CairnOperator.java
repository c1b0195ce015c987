package dev.cairn.operator;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.metrics.SyncMetrics;
import dev.cairn.operator.mover.Role;
import dev.cairn.operator.reconcile.DecisionLog;
import dev.cairn.operator.reconcile.DestinationReconciler;
import dev.cairn.operator.reconcile.EventRecorder;
import dev.cairn.operator.reconcile.ReconcileSettings;
import dev.cairn.operator.reconcile.SourceReconciler;
import dev.cairn.operator.restore.RestorePvcReconciler;
import dev.cairn.operator.sync.SyncPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The operator, wired: the controllers (sources, destinations, restore-pvc by annotation) on
 * the Java Operator SDK with the given client, leader
 * election through a Lease, the metrics and probe endpoints, and the sweep that removes the
 * series of deleted resources. {@code cairn operator} starts one; so do the tests, against the
 * fabric8 mock API server, with the same code.
 */
public final class CairnOperator implements AutoCloseable {
  /** The leader-election Lease's name. */
  public static final String LEASE = "cairn-operator";
  /** The bound of each wait of a restore asked for by annotation (as restore-pvc's default). */
  static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(10);

  private final Operator operator;
  private final SyncMetrics metrics;
  private final HttpEndpoints http;
  private final ScheduledExecutorService sweeper;
  private final KubernetesClient client;
  private final OperatorOptions options;
  private final DecisionLog log;
  private final RestorePvcReconciler restorePvc;

  private volatile boolean closing;

  private CairnOperator(KubernetesClient client, OperatorOptions options, Clock clock,
      PrintStream logOut, Map<String, String> env, Runnable lostLease) throws IOException {
    this.client = client;
    this.options = options;
    this.metrics = new SyncMetrics();
    this.log = new DecisionLog(logOut, clock);
    EventRecorder events = new EventRecorder(client, clock, log);
    ReconcileSettings settings = new ReconcileSettings(options.moverImage(), env,
        SyncPolicy.DEFAULT, min(Duration.ofSeconds(30), options.resync()), options.resync());
    this.operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withLeaderElectionConfiguration(options.leaseNamespace() == null ? null
            : leaderElection(options, env, lostLease)));
    this.restorePvc = new RestorePvcReconciler(client, clock, events, log, RESTORE_TIMEOUT);
    for (Reconciler<?> r : List.of(
        new SourceReconciler(client, clock, metrics, events, log, settings),
        new DestinationReconciler(client, clock, metrics, events, log, settings),
        restorePvc)) {
      register(r, options);
    }
    this.http = new HttpEndpoints(options.metricsAddress(), options.healthAddress(),
        metrics::scrape, () -> true,
        () -> operator.getRuntimeInfo().isStarted()
            && operator.getRuntimeInfo().allEventSourcesAreHealthy());
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cairn-metrics-sweep");
      t.setDaemon(true);
      return t;
    });
  }

  private <R extends HasMetadata> void register(Reconciler<R> reconciler,
      OperatorOptions options) {
    operator.register(reconciler, c -> {
      c.withReconciliationMaxInterval(options.resync());
      if (options.namespace() == null) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespace(options.namespace());
      }
    });
  }

  /**
   * Starts the operator; returns once the controllers run (or wait for the lease).
   *
   * @param env the process environment: proxies passed to the movers
   * @param lostLease called when another instance took the leader lease (the controllers have
   *     stopped: {@code cairn operator} exits, so that its pod restarts and waits its turn)
   */
  public static CairnOperator start(KubernetesClient client, OperatorOptions options,
      Clock clock, PrintStream log, Map<String, String> env, Runnable lostLease)
      throws IOException {
    CairnOperator o = new CairnOperator(client, options, clock, log, env, lostLease);
    o.operator.start();
    long every = options.metricsSweep().toMillis();
    o.sweeper.scheduleWithFixedDelay(o::sweep, every, every, TimeUnit.MILLISECONDS);
    return o;
  }

  /** The metrics port (the options may ask for port 0). */
  public int metricsPort() {
    return http.metricsPort();
  }

  /** The probes' port. */
  public int healthPort() {
    return http.healthPort();
  }

  /** Removes the series of resources that are gone (Volsync keeps them, #1194). */
  void sweep() {
    try {
      Set<SyncMetrics.Key> live = new HashSet<>();
      live(ReplicationSource.class, Role.SOURCE, live);
      live(ReplicationDestination.class, Role.DESTINATION, live);
      for (SyncMetrics.Key k : metrics.known()) {
        if (!live.contains(k)) {
          metrics.forget(k);
        }
      }
    } catch (KubernetesClientException e) {
      // the next sweep tries again
    }
  }

  private void live(Class<? extends HasMetadata> type, Role role, Set<SyncMetrics.Key> into) {
    for (HasMetadata r : (options.namespace() == null ? client.resources(type).inAnyNamespace()
        : client.resources(type).inNamespace(options.namespace())).list().getItems()) {
      into.add(new SyncMetrics.Key(r.getMetadata().getName(), r.getMetadata().getNamespace(),
          role.metricName()));
    }
  }

  /**
   * Leader election on Lease {@value #LEASE}, with Volsync's timings (137 s lease, 107 s renew
   * deadline, 26 s retry). Losing the lease calls {@code lostLease} instead of the SDK's own
   * {@code System.exit}, which would run inside the SDK's threads.
   */
  @SuppressWarnings("deprecation") // the builder allows no exit policy outside its tests
  private LeaderElectionConfiguration leaderElection(OperatorOptions options,
      Map<String, String> env, Runnable lostLease) {
    String lease = options.leaseNamespace() + "/" + LEASE;
    return new LeaderElectionConfiguration(LEASE, options.leaseNamespace(),
        Duration.ofSeconds(137), Duration.ofSeconds(107), Duration.ofSeconds(26), identity(env),
        new LeaderCallbacks(
            () -> log.operator("leading", "lease", lease),
            () -> {
              if (!closing) {
                log.operator("lost-lease", "lease", lease);
                lostLease.run();
              }
            },
            leader -> log.operator("leader", "identity", leader)),
        false);
  }

  /** The Lease holder's identity: the pod's name in a cluster, else a random one. */
  static String identity(Map<String, String> env) {
    String host = env.get("HOSTNAME");
    return host != null && !host.isBlank() ? host
        : "cairn-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void close() {
    closing = true;
    sweeper.shutdownNow();
    http.close();
    restorePvc.close();
    operator.stop();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
