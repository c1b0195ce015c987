package dev.cairn.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.HostIdentity;
import dev.cairn.crypto.KdfParams;
import dev.cairn.repository.LockConflictException;
import dev.cairn.repository.LockFile;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.snapshot.KeepPolicy;
import dev.cairn.snapshot.SnapshotFilter;
import dev.cairn.snapshot.SnapshotRef;
import dev.cairn.tree.Node;
import dev.cairn.tree.Tree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operation API on an in-memory repository: what every front end relies on. */
class OperationsTest {
  @TempDir Path tmp;
  private final List<String> warnings = new ArrayList<>();
  private Repository repo;
  private Operations ops;
  private Path volume;

  @BeforeEach
  void setUp() throws Exception {
    repo = RepositoryOpener.init(new MemBackend(), "pw", 2, "3da3358b4dc173",
        new KdfParams(1024, 8, 1));
    ops = new Operations(repo, LockOptions.defaults(warnings::add));
    volume = Files.createDirectories(tmp.resolve("mnt/volume"));
    Files.createDirectories(volume.resolve("lost+found"));
    Files.writeString(volume.resolve("a.txt"), "alpha");
    Files.createDirectories(volume.resolve("dir"));
    Files.writeString(volume.resolve("dir/b.txt"), "beta");
  }

  private BackupRequest volumeBackup() {
    return BackupRequest.of(new BackupSource.Contents(volume, "/data"))
        .withHostname("volsync").withExcludes(List.of("lost+found"));
  }

  private List<String> rootNames(SnapshotRef s) throws Exception {
    List<String> names = new ArrayList<>();
    for (Node n : Tree.decode(repo.loadBlob(BlobType.TREE, s.snapshot().tree())).nodes()) {
      names.add(new String(n.name(), StandardCharsets.UTF_8));
    }
    return names;
  }

  @Test
  void aVolumeBackupHasTheContentsAtTheRootRecordedAsDataAndTheNextOneIsItsChild()
      throws Exception {
    BackupOutcome first = ops.backup(volumeBackup(), BackupListener.NONE);
    assertThat(first.paths()).containsExactly("/data");
    assertThat(first.parent()).isNull();
    List<SnapshotRef> all = ops.snapshots(List.of(), SnapshotFilter.ALL);
    assertThat(all).hasSize(1);
    assertThat(all.get(0).snapshot().hostname()).isEqualTo("volsync");
    assertThat(all.get(0).snapshot().excludes()).containsExactly("lost+found");
    assertThat(rootNames(all.get(0))).containsExactly("a.txt", "dir");

    BackupOutcome second = ops.backup(volumeBackup(), BackupListener.NONE);
    assertThat(second.parent().id()).isEqualTo(first.snapshotId());
    assertThat(second.summary().dataBlobs()).isZero();
    assertThat(second.summary().treeBlobs()).isZero();
    assertThat(second.summary().filesUnmodified()).isEqualTo(2);
  }

  @Test
  void forgetThenPruneUnderOneLockAndRestoreTheKeptSnapshot() throws Exception {
    ops.backup(volumeBackup(), BackupListener.NONE);
    Files.writeString(volume.resolve("a.txt"), "alpha, second version");
    BackupOutcome kept = ops.backup(volumeBackup(), BackupListener.NONE);
    KeepPolicy lastOne = new KeepPolicy(1, 0, 0, 0, 0, 0, null, null, null, null, null, null,
        null);
    ForgetRequest forget = ForgetRequest.of(lastOne, SnapshotFilter.ALL);
    forget = new ForgetRequest(forget.ids(), forget.policy(), forget.groupBy(),
        forget.filter(), false, false, null, PruneRequest.defaults());
    List<ForgetOutcome> heard = new ArrayList<>();
    ForgetOutcome outcome = ops.forget(forget, new ForgetListener() {
      @Override
      public void forgotten(ForgetOutcome o) {
        heard.add(o);
      }
    });
    assertThat(heard).hasSize(1);
    assertThat(outcome.removed()).hasSize(1);
    assertThat(outcome.kept()).isEqualTo(1);
    assertThat(outcome.prune().executed()).isTrue();
    assertThat(outcome.prune().freedBytes()).isPositive();
    assertThat(repo.list(FileType.LOCK)).isEmpty();

    Path target = tmp.resolve("restored");
    RestoreOutcome restored = ops.restore(RestoreRequest.of("latest", target), s -> { });
    assertThat(restored.snapshot().id()).isEqualTo(kept.snapshotId());
    assertThat(restored.complete()).as("errors: %s", restored.result().errors()).isTrue();
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("alpha, second version");
    assertThat(Files.readString(target.resolve("dir/b.txt"))).isEqualTo("beta");
    assertThat(target.resolve("lost+found")).doesNotExist();
  }

  @Test
  void aLockLeftByADeadProcessOnThisHostIsRemovedWithAWarning() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    HostIdentity me = HostIdentity.current();
    LockFile dead = new LockFile(Instant.now(), true, me.hostname(), me.username(), gone.pid(),
        0, 0);
    repo.saveUnpacked(FileType.LOCK, dead.encode());

    ops.backup(volumeBackup(), BackupListener.NONE);

    assertThat(warnings).singleElement().asString()
        .contains("removed stale exclusive lock", "PID " + gone.pid(), "is gone");
    assertThat(repo.list(FileType.LOCK)).isEmpty();
  }

  @Test
  void aLiveExclusiveLockBlocksAndNamesItsHolder() throws Exception {
    LockFile live = new LockFile(Instant.now(), true, "elsewhere", "someone", 4242, 0, 0);
    repo.saveUnpacked(FileType.LOCK, live.encode());
    assertThatThrownBy(() -> ops.backup(volumeBackup(), BackupListener.NONE))
        .isInstanceOf(LockConflictException.class)
        .hasMessageContaining("PID 4242 on elsewhere");
    assertThat(ops.unlock(false)).isZero();
    assertThat(ops.unlock(true)).isEqualTo(1);
  }

  @Test
  void anEmptyPolicyIsRefused() {
    assertThatThrownBy(() -> ops.forget(ForgetRequest.of(KeepPolicy.EMPTY, SnapshotFilter.ALL),
        ForgetListener.NONE))
        .isInstanceOf(CairnException.class)
        .hasMessageContaining("no policy was specified");
  }
}
