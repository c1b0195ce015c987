package dev.cairn.standalone;

import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import dev.cairn.operator.mover.MoverEnv;
import dev.cairn.operator.mover.RestoreSelection;
import dev.cairn.operator.mover.RetainFlags;
import dev.cairn.operator.reconcile.SyncStatus;
import dev.cairn.operator.sync.SyncMachine;
import dev.cairn.operator.volume.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run of a resource needs, decided when it starts: the actions (as the operator
 * decides them), the mover's environment from the Secret and the spec, and the directories.
 * Each check refuses with a {@link SpecException} naming the file and the field.
 */
final class RunSetup {
  private final StandaloneOptions options;

  RunSetup(StandaloneOptions options) {
    this.options = options;
  }

  /** The actions of a new run: {@code [unlock] backup [prune]} or {@code restore}. */
  List<String> actions(Managed m, SyncStatus st, Instant created, Instant now) {
    if (!m.key().source()) {
      return List.of("restore");
    }
    ResticSourceSpec spec = m.source().getSpec().restic();
    List<String> actions = new ArrayList<>();
    if (SyncMachine.shouldUnlock(spec.unlock(), st.lastUnlocked)) {
      actions.add("unlock");
    }
    actions.add("backup");
    if (SyncMachine.shouldPrune(st.lastPruned, created, spec.pruneIntervalDays(), now)) {
      actions.add("prune");
    }
    return actions;
  }

  /** The copy method, checked: Snapshot and Clone need a snapshot command. */
  CopyMethod copyMethod(Managed m) {
    CopyMethod c;
    try {
      c = CopyMethod.of(m.restic().copyMethod());
    } catch (IllegalArgumentException e) {
      throw spec(m, e.getMessage());
    }
    if ((c == CopyMethod.Snapshot || c == CopyMethod.Clone) && options.snapshotCommand() == null) {
      throw spec(m, "spec.restic.copyMethod " + m.restic().copyMethod() + " needs a snapshot"
          + " command on this host: start cairn standalone with --snapshot-command, e.g."
          + " 'cp -a --reflink=auto \"$SOURCE/.\" \"$TARGET\"' or 'btrfs subvolume snapshot"
          + " \"$SOURCE\" \"$TARGET\"', or use copyMethod: Direct");
    }
    return c;
  }

  /** The resource's volume directory; a source's must exist, a destination's is created. */
  Path volume(Managed m) {
    String explicit = m.volumePath();
    Path dir;
    String field;
    if (explicit != null && !explicit.isBlank()) {
      dir = options.config().resolve(explicit.trim());
      field = "annotation " + Managed.VOLUME_PATH;
    } else if (m.claim() != null) {
      dir = options.volumes().resolve(m.key().namespace()).resolve(m.claim());
      field = m.key().source() ? "spec.sourcePVC " + m.claim()
          : "spec.restic.destinationPVC " + m.claim();
    } else if (m.key().source()) {
      throw spec(m, "spec.sourcePVC is missing");
    } else {
      dir = options.volumes().resolve(m.key().namespace())
          .resolve("volsync-" + m.key().name() + "-dest");
      field = "the restored volume";
    }
    if (m.key().source() && !Files.isDirectory(dir)) {
      throw spec(m, field + ": directory " + dir + " does not exist");
    }
    return dir;
  }

  /** The Secret's values, checked for the two keys every mover needs. */
  Map<String, String> secret(Managed m, Manifests manifests) {
    String name = m.restic().repository();
    if (name == null || name.isBlank()) {
      throw spec(m, "spec.restic.repository is missing");
    }
    Map<String, String> s = manifests.secret(m.key().namespace(), name);
    if (s == null) {
      throw spec(m, "spec.restic.repository: Secret " + m.key().namespace() + "/" + name
          + " is not in any file of " + options.config());
    }
    for (String k : MoverEnv.REQUIRED_KEYS) {
      if (s.get(k) == null || s.get(k).isEmpty()) {
        throw spec(m, "spec.restic.repository: Secret " + m.key().namespace() + "/" + name
            + " has no " + k);
      }
    }
    return s;
  }

  /** The mover's environment, as the operator's Job would have it. */
  Map<String, String> env(Managed m, Map<String, String> secret, Path data, Path result,
      Instant now) {
    Map<String, String> env = new LinkedHashMap<>();
    for (var e : secret.entrySet()) {
      if (MoverEnv.REQUIRED_KEYS.contains(e.getKey())
          || MoverEnv.OPTIONAL_KEYS.contains(e.getKey()) || e.getKey().startsWith("RCLONE_")) {
        env.put(e.getKey(), e.getValue());
      }
    }
    String repo = env.get("RESTIC_REPOSITORY");
    if (!repo.contains(":") && !repo.startsWith("/")) {
      env.put("RESTIC_REPOSITORY", options.config().resolve(repo).normalize().toString());
    }
    env.put("DATA_DIR", data.toString());
    env.put("RESTIC_CACHE_DIR", options.stateDir().resolve("cache").resolve(m.key().namespace())
        .resolve(m.key().kind() + "-" + m.key().name()).toString());
    env.put("PRIVILEGED_MOVER", "root".equals(System.getProperty("user.name")) ? "1" : "0");
    env.put("TERMINATION_MESSAGE_PATH", result.toString());
    env.put("CAIRN_MOVER_JOB", "standalone-" + m.key().namespace() + "-" + m.key().name());
    env.put("CAIRN_SNAPSHOT_TIME", now.toString());
    if (m.key().source()) {
      env.put("FORGET_OPTIONS", RetainFlags.of(m.source().getSpec().restic().retain()));
    } else {
      ResticDestinationSpec d = m.destination().getSpec().restic();
      RestoreSelection sel = RestoreSelection.of(d);
      put(env, "RESTORE_AS_OF", sel.restoreAsOf());
      put(env, "SELECT_PREVIOUS", sel.previous());
      put(env, "RESTORE_OPTIONS", sel.restoreOptions());
    }
    return env;
  }

  private static void put(Map<String, String> env, String k, String v) {
    if (v != null && !v.isEmpty()) {
      env.put(k, v);
    }
  }

  static SpecException spec(Managed m, String message) {
    return new SpecException(m.file().getFileName() + ": " + m.key() + ": " + message);
  }
}
