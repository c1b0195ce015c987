package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FilterBackend;
import dev.cairn.backend.Handle;
import dev.cairn.backend.local.LocalBackend;
import dev.cairn.core.Id;
import dev.cairn.pack.Compression;
import dev.cairn.prune.PruneOptions;
import dev.cairn.prune.PrunePlan;
import dev.cairn.prune.PrunePlanner;
import dev.cairn.prune.Pruner;
import dev.cairn.prune.UnusedLimit;
import dev.cairn.prune.UsedBlobs;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.testing.ResticBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: prune interrupted at any point leaves a repository that {@code restic check}
 * accepts, where every kept snapshot restores, and which the next prune finishes.
 *
 * <p>Every write of prune goes through the backend, so "killed after the n-th change to the
 * repository" is modelled exactly by a backend that refuses everything from its n-th save or
 * remove on; the test cuts a reference run at points spread over every phase (unreferenced
 * packs, repacking, index rewrite, old index and old pack deletion). Separately, real
 * {@code cairn prune} processes are killed with SIGKILL at several moments, leaving their lock.
 */
class PruneCrashTest {
  private static final int PACK_SIZE = 4 << 20;
  private static final PruneOptions OPTIONS = new PruneOptions(UnusedLimit.parse("0"),
      Long.MAX_VALUE, false, true, false);

  @TempDir static Path shared;
  private static Path prepared;

  @TempDir Path tmp;

  /** Refuses every change from the {@code cutAt}-th on, as if the process died right there. */
  static final class CuttingBackend extends FilterBackend {
    static final class Cut extends RuntimeException {
      Cut(String what) {
        super("cut before " + what);
      }
    }

    private final int cutAt;
    private final AtomicInteger changes = new AtomicInteger();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean cut;

    CuttingBackend(Backend inner, int cutAt) {
      super(inner);
      this.cutAt = cutAt;
    }

    private void change(String what) {
      if (cut || changes.incrementAndGet() >= cutAt) {
        cut = true;
        throw new Cut(what);
      }
      log.add(what);
    }

    @Override
    public void save(Handle h, byte[] data, int off, int len) throws IOException {
      change("save " + h.type().dir());
      super.save(h, data, off, len);
    }

    @Override
    public void save(Handle h, java.nio.channels.FileChannel src, long len) throws IOException {
      change("save " + h.type().dir());
      super.save(h, src, len);
    }

    @Override
    public void remove(Handle h) throws IOException {
      change("remove " + h.type().dir());
      super.remove(h);
    }

    @Override
    public void removeIfPresent(Handle h) throws IOException {
      change("remove " + h.type().dir());
      super.removeIfPresent(h);
    }

    @Override
    public byte[] load(Handle h, long offset, int length) throws IOException {
      if (cut) {
        throw new Cut("load");
      }
      return super.load(h, offset, length);
    }
  }

  /**
   * Six backups with --pack-size 4 that add and delete files, all but two forgotten, and two
   * unreferenced pack files: prune has packs to delete, packs to repack (all are small) and
   * unreferenced packs.
   */
  @BeforeAll
  static void repository() throws Exception {
    prepared = shared.resolve("prepared");
    Path src = shared.resolve("src");
    Cli cli = new Cli(prepared, PASSWORD);
    cli.run("init").assertOk();
    PruneInteropTest.backups(cli, src, 99, 6, "--pack-size", "4");
    Random rnd = new Random(99);
    cli.run("forget", "--keep-last", "2").assertOk();
    for (int i = 0; i < 2; i++) {
      byte[] junk = new byte[1000 + i];
      rnd.nextBytes(junk);
      Id id = Id.hash(junk);
      Path dir = prepared.resolve("data").resolve(id.hex().substring(0, 2));
      Files.createDirectories(dir);
      Files.write(dir.resolve(id.hex()), junk);
    }
  }

  private Path copyOfPrepared(String name) throws Exception {
    Path repo = tmp.resolve(name);
    Process p = new ProcessBuilder("cp", "-a", prepared.toString(), repo.toString()).start();
    assertThat(p.waitFor()).isZero();
    return repo;
  }

  /** Prunes through the engine over a cutting backend; returns the changes it made. */
  private static List<String> prune(Path repo, int cutAt) throws Exception {
    CuttingBackend backend = new CuttingBackend(LocalBackend.open(repo), cutAt);
    try (Repository r = RepositoryOpener.open(backend, PASSWORD, Compression.AUTO)) {
      r.loadIndex();
      UsedBlobs used = UsedBlobs.find(r, Set.of(), 2);
      PrunePlan plan = new PrunePlanner(r, OPTIONS, PACK_SIZE).plan(used.blobs());
      new Pruner(r, PACK_SIZE, new Pruner.Listener() {
        @Override
        public void step(String message) {}

        @Override
        public void detail(String message) {}
      }).execute(plan);
    }
    return backend.log;
  }

  /** Cut points: the first, middle and last change of every phase (run of equal changes). */
  private static List<Integer> cutPoints(List<String> changes) {
    TreeSet<Integer> points = new TreeSet<>();
    int start = 0;
    for (int i = 1; i <= changes.size(); i++) {
      if (i == changes.size() || !changes.get(i).equals(changes.get(start))) {
        points.add(start + 1);
        points.add((start + i + 1) / 2);
        points.add(i);
        start = i;
      }
    }
    return new ArrayList<>(points);
  }

  @Test
  void pruneCutAtEveryPhaseLeavesARepositoryResticAcceptsAndTheNextPruneFinishes()
      throws Exception {
    ResticBinary restic = ResticBinary.require();
    List<String> reference = prune(copyOfPrepared("reference"), Integer.MAX_VALUE);
    assertThat(reference).contains("remove data", "save data", "save index", "remove index");
    List<Integer> points = cutPoints(reference);
    assertThat(points).hasSizeGreaterThanOrEqualTo(10);

    List<String> report = new ArrayList<>();
    for (int cutAt : points) {
      String what = "cut at change " + cutAt + " of " + reference.size() + " ("
          + reference.get(cutAt - 1) + ")";
      Path repo = copyOfPrepared("cut-" + cutAt);
      assertThatThrownBy(() -> prune(repo, cutAt)).as(what)
          .isInstanceOf(CuttingBackend.Cut.class);

      ResticBinary.Result check = restic.check(repo, PASSWORD, false);
      assertThat(check.exitCode()).as(what + "\n" + check).isZero();
      PruneInteropTest.assertSameRestores(restic, PASSWORD, prepared, repo);

      new Cli(repo, PASSWORD).run("prune", "--max-unused", "0", "--repack-small").assertOk();
      ResticBinary.Result full = restic.check(repo, PASSWORD, true);
      assertThat(full.exitCode()).as(what + ": after the next prune\n" + full).isZero();
      String left = restic.run(repo, PASSWORD, "prune", "--dry-run", "-v", "--max-unused", "0")
          .assertOk().stdoutText();
      assertThat(left).as(what + ": restic finds nothing left to prune")
          .containsPattern("total prune: +0 blobs / 0 B");
      PruneInteropTest.assertSameRestores(restic, PASSWORD, prepared, repo);
      report.add(what + ": ok");
    }
    System.out.println(String.join("\n", report));
  }

  @Test
  void sigkilledPruneLeavesAStaleLockThatResticUnlockRemovesAndTheNextPruneFinishes()
      throws Exception {
    ResticBinary restic = ResticBinary.require();
    int killed = 0;
    for (long at : new long[] {300, 700, 1100, 1500, 2000}) {
      Path repo = copyOfPrepared("kill-" + at);
      Path log = tmp.resolve("kill-" + at + ".log");
      Process p = Acceptance.cairnProcess(repo, Acceptance.classPath(), log,
          "prune", "--max-unused", "0", "--repack-small").start();
      if (!p.waitFor(at, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        killed++;
      }
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String what = "killed at " + at + " ms";
      if (!Acceptance.lockFiles(repo).isEmpty()) {
        restic.run(repo, PASSWORD, "unlock").assertOk();
        assertThat(Acceptance.lockFiles(repo)).as(what + ": locks after restic unlock").isEmpty();
      }
      assertThat(restic.check(repo, PASSWORD, false).exitCode()).as(what).isZero();
      new Cli(repo, PASSWORD).run("prune", "--max-unused", "0", "--repack-small").assertOk();
      assertThat(restic.check(repo, PASSWORD, true).exitCode()).as(what).isZero();
      PruneInteropTest.assertSameRestores(restic, PASSWORD, prepared, repo);
    }
    assertThat(killed).as("kills that hit a running prune").isGreaterThanOrEqualTo(2);
  }
}
