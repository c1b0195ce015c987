package dev.cairn.standalone;

import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.api.v1alpha1.RunPlan;
import dev.cairn.operator.metrics.SyncMetrics;
import dev.cairn.operator.mover.MoverOutcome;
import dev.cairn.operator.mover.Role;
import dev.cairn.operator.reconcile.Conditions;
import dev.cairn.operator.reconcile.DecisionLog;
import dev.cairn.operator.reconcile.SyncReconciler;
import dev.cairn.operator.reconcile.SyncStatus;
import dev.cairn.operator.sync.Decision;
import dev.cairn.operator.sync.InvalidTriggerException;
import dev.cairn.operator.sync.SyncMachine;
import dev.cairn.operator.sync.SyncPolicy;
import dev.cairn.operator.volume.SpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standalone service: each {@link #tick()} re-reads the configuration when a file changed,
 * takes the sync requests, and asks the operator's {@link SyncMachine} what each resource does
 * now; a run starts as a {@code cairn mover} child process (at most one per repository) and its
 * result is recorded when it exits ({@link RunRecorder}). A run the state file shows in
 * progress but this process did not start was cut short by a restart: its mover is waited for
 * when it still runs, its result taken when it finished, and otherwise it counts as a failed
 * attempt and is retried at once (the mover clears the lock the killed one left).
 */
public final class Standalone implements AutoCloseable {
  private final StandaloneOptions options;
  private final Clock clock;
  private final MoverLauncher launcher;
  private final DecisionLog log;
  private final SyncMetrics metrics = new SyncMetrics();
  private final RunSetup setup;
  private final RunRecorder recorder;
  private final StateFile stateFile;
  private final Map<String, StateFile.Entry> state;
  private final Map<String, MoverRun> running = new ConcurrentHashMap<>();
  private final Set<String> busyRepositories = ConcurrentHashMap.newKeySet();
  private final Map<String, String> reported = new HashMap<>();
  /** Sync requests taken but not yet started (their repository was busy). */
  private final Set<ResourceKey> deferred = new java.util.LinkedHashSet<>();
  private final ConfigWatch watch;
  private final SyncRequests requests;
  private Manifests manifests = new Manifests(List.of(), Map.of(), List.of());

  public Standalone(StandaloneOptions options, Clock clock, MoverLauncher launcher,
      PrintStream logOut) {
    this.options = options;
    this.clock = clock;
    this.launcher = launcher;
    this.log = new DecisionLog(logOut, clock);
    this.setup = new RunSetup(options);
    this.recorder = new RunRecorder(metrics, log);
    this.stateFile = new StateFile(options.stateFile());
    this.state = new HashMap<>(stateFile.read());
    this.watch = new ConfigWatch(options.config());
    this.requests = new SyncRequests(options.requests());
  }

  public SyncMetrics metrics() {
    return metrics;
  }

  /** The resources and problems of the configuration as last read. */
  public synchronized Manifests manifests() {
    return manifests;
  }

  static SyncMetrics.Key metricsKey(Managed m) {
    return new SyncMetrics.Key(m.key().name(), m.key().namespace(),
        (m.key().source() ? Role.SOURCE : Role.DESTINATION).metricName());
  }

  /**
   * One pass: reload, requests, decisions, starts.
   *
   * @return when the next pass is due at the latest (a finished run asks for one sooner)
   */
  public synchronized Instant tick() {
    reloadIfChanged();
    deferred.addAll(requests.take());
    deferred.removeIf(k -> manifests.find(k) == null);
    return pass(k -> true, Set.copyOf(deferred));
  }

  /**
   * Runs {@code key} now, alone, and waits for it ({@code cairn standalone sync} when no service
   * runs the configuration).
   *
   * @return its status afterwards
   * @throws IllegalStateException when the configuration has no such resource, or the run could
   *     not start (the message says why: a missing Secret or directory, ...)
   */
  public SyncStatus syncNow(ResourceKey key, Duration timeout) throws InterruptedException {
    Managed m;
    synchronized (this) {
      reloadIfChanged();
      m = manifests.find(key);
      if (m == null) {
        throw new IllegalStateException(key + " is not in the configuration "
            + options.config() + problems());
      }
      pass(key::equals, Set.of(key));
    }
    MoverRun run = running.get(key.id());
    if (run == null) {
      SyncStatus st = status(m);
      String why = st.conditions.stream().filter(c -> Conditions.SYNCHRONIZING.equals(
          c.getType()) && Conditions.ERROR.equals(c.getReason())).map(c -> c.getMessage())
          .findFirst().orElse(null);
      if (why != null || st.lastSyncStartTime == null) {
        throw new IllegalStateException(key + " did not start"
            + (why == null ? "" : ": " + why));
      }
      return st;
    }
    run.await(timeout);
    return status(m);
  }

  private String problems() {
    return manifests.problems().isEmpty() ? "" : " (problems: "
        + String.join("; ", manifests.problems()) + ")";
  }

  private Instant pass(java.util.function.Predicate<ResourceKey> include,
      Set<ResourceKey> asked) {
    Instant now = clock.instant();
    Instant wake = now.plus(Duration.ofMinutes(1));
    for (Managed m : manifests.resources()) {
      if (!include.test(m.key()) || running.containsKey(m.key().id())) {
        continue;
      }
      StateFile.Entry e = entry(m, now);
      SyncStatus st = StateFile.status(e, m.key().source());
      try {
        SyncMachine machine = new SyncMachine(SyncReconciler.policy(SyncPolicy.DEFAULT,
            m.resource()), e.uid());
        if (st.lastSyncStartTime != null) {
          recover(m, machine, st, e, now);
          continue;
        }
        Map<String, String> secret = setup.secret(m, manifests);
        CopyMethod copy = setup.copyMethod(m);
        Path volume = setup.volume(m);
        Decision d = asked.contains(m.key()) ? new Decision.Start(Decision.Cause.MANUAL, 1)
            : machine.decide(m.trigger(), m.paused(), SyncReconciler.state(m.resource(), st), now);
        reported.remove(m.key().id());
        if (d instanceof Decision.Wait w) {
          waiting(m, machine, st, e, w, now);
          if (w.until() != null && w.until().isBefore(wake)) {
            wake = w.until();
          }
        } else if (d instanceof Decision.Start s) {
          String repo = secret.get("RESTIC_REPOSITORY");
          if (busyRepositories.contains(repo)) {
            continue; // the run on this repository ends with a pass; a request waits for it
          }
          deferred.remove(m.key());
          start(m, machine, st, e, s, secret, copy, volume, repo, now);
        }
        metrics.outOfSync(metricsKey(m), machine.outOfSync(m.trigger(),
            SyncReconciler.state(m.resource(), status(m)), now));
      } catch (SpecException | InvalidTriggerException ex) {
        deferred.remove(m.key()); // refused: sync reports the reason
        specError(m, st, e, ex.getMessage(), now);
      }
    }
    return wake;
  }

  /** Whether any mover is running. */
  public boolean busy() {
    return !running.isEmpty();
  }

  /** Runs passes until no run is going and none starts; for {@code sync} and tests. */
  public void settle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      tick();
      if (running.isEmpty()) {
        return;
      }
      for (MoverRun r : List.copyOf(running.values())) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("runs still going after " + timeout.toSeconds()
              + "s: " + running.keySet());
        }
        r.await(Duration.ofNanos(left));
      }
    }
  }

  /** The status of {@code m} as recorded now. */
  public synchronized SyncStatus status(Managed m) {
    return StateFile.status(state.get(m.key().id()), m.key().source());
  }

  private void reloadIfChanged() {
    if (!watch.changed()) {
      return;
    }
    manifests = new ManifestLoader().load(options.config());
    for (String p : manifests.problems()) {
      log.operatorWarn("config-problem", "message", p);
    }
    log.operator("config-loaded", "dir", options.config(), "resources",
        manifests.resources().size(), "problems", manifests.problems().size());
  }

  /** The resource's entry, created at its first sight; its metadata gets the entry's. */
  private StateFile.Entry entry(Managed m, Instant now) {
    StateFile.Entry e = state.get(m.key().id());
    if (e == null) {
      e = new StateFile.Entry(SyncStatus.text(now), UUID.randomUUID().toString(), null, null,
          null);
      state.put(m.key().id(), e);
      stateFile.write(state);
    }
    m.resource().getMetadata().setCreationTimestamp(e.created());
    m.resource().getMetadata().setUid(e.uid());
    return e;
  }

  private void waiting(Managed m, SyncMachine machine, SyncStatus st, StateFile.Entry e,
      Decision.Wait w, Instant now) {
    if (st.currentRun == null) {
      st.nextSyncTime = Decision.Wait.WAITING_FOR_SCHEDULE.equals(w.reason()) ? w.until()
          : machine.nextSyncTime(m.trigger(), st.lastSyncTime != null ? st.lastSyncTime
              : SyncStatus.time(e.created()));
    }
    Conditions.set(st.conditions, Conditions.SYNCHRONIZING, false, w.reason(),
        w.until() == null ? w.reason() : w.reason() + " until " + SyncStatus.text(w.until()),
        1, now);
    save(m, st);
  }

  private void specError(Managed m, SyncStatus st, StateFile.Entry e, String message,
      Instant now) {
    if (!message.equals(reported.put(m.key().id(), message))) {
      log.warn(m.resource(), "spec-error", "message", message);
    }
    Conditions.set(st.conditions, Conditions.SYNCHRONIZING, false, Conditions.ERROR, message, 1,
        now);
    save(m, st);
    metrics.outOfSync(metricsKey(m), st.lastSyncTime == null);
  }

  private void start(Managed m, SyncMachine machine, SyncStatus st, StateFile.Entry e,
      Decision.Start s, Map<String, String> secret, CopyMethod copy, Path volume, String repo,
      Instant now) {
    boolean retry = s.cause() == Decision.Cause.RETRY && st.currentRun != null;
    List<String> actions = retry ? st.currentRun.actions()
        : setup.actions(m, st, SyncStatus.time(e.created()), now);
    String unlock = m.key().source() && m.source().getSpec().restic().unlock() != null
        ? m.source().getSpec().restic().unlock() : null;
    st.lastSyncStartTime = now;
    st.currentRun = new RunPlan(actions, s.attempt(), "standalone", null, retry
        ? st.currentRun.unlock() : unlock);
    Conditions.set(st.conditions, Conditions.SYNCHRONIZING, true, Conditions.SYNC_IN_PROGRESS,
        "running " + String.join(", ", actions), 1, now);
    log.info(m.resource(), "start", "cause", s.cause(), "actions", String.join(",", actions),
        "attempt", s.attempt());
    Path dir = runDir(m);
    Path result = dir.resolve("result.json");
    Path moverLog = dir.resolve("mover.log");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(result);
      Files.writeString(moverLog, "");
      PointInTimeCopy pit = new PointInTimeCopy(options, m, copy, volume);
      Path data = pit.prepare();
      Process p = launcher.start(actions, setup.env(m, secret, data, result, now), moverLog);
      state.put(m.key().id(), e.withStatus(StateFile.tree(st, m.key().source()))
          .withMover(p.pid(), result.toString()));
      stateFile.write(state);
      watchRun(m, machine, new MoverRun(p.toHandle(), p, result, moverLog, repo, pit));
    } catch (IOException | RuntimeException ex) {
      finish(m, machine, MoverOutcome.failed("the mover could not start: " + ex.getMessage()),
          null, now);
    }
  }

  /** A run in the state file that this process did not start. */
  private void recover(Managed m, SyncMachine machine, SyncStatus st, StateFile.Entry e,
      Instant now) {
    Path result = e.moverResult() == null ? null : Path.of(e.moverResult());
    var alive = e.moverPid() == null ? java.util.Optional.<ProcessHandle>empty()
        : ProcessHandle.of(e.moverPid()).filter(h -> h.isAlive()
            && h.info().command().map(c -> c.contains("java")).orElse(false)); // not a zombie
    if (alive.isPresent() && result != null) {
      log.info(m.resource(), "adopt-run", "pid", e.moverPid());
      watchRun(m, machine, new MoverRun(alive.get(), null, result,
          result.resolveSibling("mover.log"), null, null));
      return;
    }
    MoverOutcome outcome = result == null ? null : MoverRun.outcome(result, null)
        .orElse(null);
    interrupted(m, machine, outcome, e.moverPid(), "is gone", now);
  }

  /**
   * Records the end of a run that this process did not see through: its mover's result when
   * there is one, else an interruption, retried at once (the run did not fail, it was stopped;
   * the retries stay bounded).
   */
  private void interrupted(Managed m, SyncMachine machine, MoverOutcome outcome, Long pid,
      String how, Instant now) {
    if (outcome == null) {
      outcome = MoverOutcome.failed("interrupted: cairn standalone stopped during the run and"
          + " its mover" + (pid == null ? "" : " (pid " + pid + ")") + " " + how);
    }
    finish(m, machine, outcome, null, now);
    if (!outcome.success()) {
      SyncStatus after = status(m);
      if (after.currentRun != null) {
        after.currentRun = new RunPlan(after.currentRun.actions(), after.currentRun.attempt(),
            after.currentRun.job(), SyncStatus.text(now), after.currentRun.unlock());
        save(m, after);
      }
    }
  }

  private void watchRun(Managed m, SyncMachine machine, MoverRun run) {
    running.put(m.key().id(), run);
    if (run.repository() != null) {
      busyRepositories.add(run.repository());
    }
    run.handle().onExit().thenRun(() -> {
      try {
        if (run.process() == null) { // adopted: no exit code, and no result if it was killed
          synchronized (this) {
            interrupted(m, machine, MoverRun.outcome(run.result(), run.log()).orElse(null),
                run.handle().pid(), "ended without a result", clock.instant());
          }
          return;
        }
        MoverOutcome outcome = run.outcome();
        synchronized (this) {
          var image = outcome.success() ? run.copy() == null ? null
              : run.copy().afterRestore(clock.instant()) : null;
          finish(m, machine, outcome, image, clock.instant());
        }
      } catch (RuntimeException ex) {
        log.warn(m.resource(), "record-failed", "error", ex.toString());
      } finally {
        if (run.copy() != null) {
          run.copy().release();
        }
        running.remove(m.key().id());
        if (run.repository() != null) {
          busyRepositories.remove(run.repository());
        }
        run.done();
      }
    });
  }

  private synchronized void finish(Managed m, SyncMachine machine, MoverOutcome outcome,
      io.fabric8.kubernetes.api.model.TypedLocalObjectReference image, Instant now) {
    SyncStatus st = status(m);
    recorder.record(m, machine, st, outcome, image, now);
    StateFile.Entry e = Objects.requireNonNull(state.get(m.key().id()));
    state.put(m.key().id(), e.withStatus(StateFile.tree(st, m.key().source()))
        .withMover(null, null));
    stateFile.write(state);
  }

  private void save(Managed m, SyncStatus st) {
    StateFile.Entry e = state.get(m.key().id());
    var tree = StateFile.tree(st, m.key().source());
    if (!tree.equals(e.status())) {
      state.put(m.key().id(), e.withStatus(tree));
      stateFile.write(state);
    }
  }

  private Path runDir(Managed m) {
    return options.stateDir().resolve("runs").resolve(m.key().namespace())
        .resolve(m.key().kind() + "-" + m.key().name());
  }

  @Override
  public void close() {
    // runs keep going: a restart adopts them (their result is in their result file)
  }
}
