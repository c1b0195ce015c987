package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.Fixtures;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cairn prune} against {@code restic prune} (0.14): on the same repository both plan the
 * same (the statistics lines agree, for every prune flag), and after Cairn prunes a repository
 * written by either tool, {@code restic check --read-data} is clean and every remaining snapshot
 * restores identically.
 */
class PruneInteropTest {
  /** The lines of restic's prune report that describe the plan. */
  private static final List<String> PLAN_LINES = List.of("used:", "duplicates:", "unused:",
      "unreferenced:", "total:", "unused size:", "to repack:", "this removes:", "to delete:",
      "total prune:", "remaining:", "unused size after prune:", "totally used packs:",
      "partly used packs:", "unused packs:", "to keep:");

  @TempDir Path tmp;

  static List<String> planLines(String output) {
    return output.lines().map(String::strip)
        .filter(l -> PLAN_LINES.stream().anyMatch(l::startsWith))
        .collect(Collectors.toList());
  }

  private static Path copy(Path from, Path to) throws Exception {
    Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start();
    assertThat(p.waitFor()).isZero();
    return to;
  }

  @ParameterizedTest
  @ValueSource(strings = {"duplicates", "obsolete-index", "mixed", "unreferenced-data",
      "unused-data-missing", "data-missing", "index-missing-blob", "index-missing"})
  void upstreamEdgeCaseRepositoriesPruneAsResticDoes(String name) throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path base = Fixtures.extract("upstream-repo-" + name, tmp.resolve("fixture")).resolve("repo");
    Path mine = copy(base, tmp.resolve("cairn"));
    Path theirs = copy(base, tmp.resolve("restic"));

    Cli.Result c = new Cli(mine, "geheim").run("prune", "-v");
    ResticBinary.Result r = restic.run(theirs, "geheim", "prune", "-v");

    assertThat(c.exitCode()).as("exit code, restic said:\n" + r + "\ncairn said:\n" + c.stdout()
        + c.stderr()).isEqualTo(r.exitCode());
    assertThat(planLines(c.stdout())).isEqualTo(planLines(r.stdoutText()));
    if (r.exitCode() == 0) {
      assertThat(restic.check(mine, "geheim", true).exitCode()).as("restic check --read-data")
          .isZero();
      assertSameRestores(restic, "geheim", theirs, mine);
    } else {
      assertThat(c.stderr()).startsWith("Fatal: ");
    }
  }

  @Test
  void resticWrittenRepositoryPlansAlikeForEveryFlagAndCairnPrunesIt() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    restic.run(repo, PASSWORD, "init", "--repository-version", "2").assertOk();
    Path src = tmp.resolve("src");
    Random rnd = new Random(7);
    List<String> snapshots = new ArrayList<>();
    for (int round = 0; round < 12; round++) {
      mutate(src, rnd, round);
      // half the rounds without compression, so that --repack-uncompressed has work
      String compression = round % 2 == 0 ? "auto" : "off";
      snapshots.add(restic.backup(repo, PASSWORD, src, "--compression", compression));
    }
    for (int i = 0; i < snapshots.size(); i += 3) {
      restic.run(repo, PASSWORD, "forget", snapshots.get(i)).assertOk();
    }

    for (String[] flags : new String[][] {{}, {"--max-unused", "0"},
        {"--max-unused", "unlimited"}, {"--max-unused", "20k"}, {"--max-unused", "50%"},
        {"--max-repack-size", "300k"}, {"--repack-cacheable-only"}, {"--repack-small"},
        {"--repack-uncompressed"}, {"--repack-small", "--max-unused", "0"}}) {
      List<String> args = new ArrayList<>(List.of("prune", "--dry-run", "-v"));
      args.addAll(List.of(flags));
      Cli.Result c = new Cli(repo, PASSWORD).run(args.toArray(String[]::new)).assertOk();
      ResticBinary.Result r = restic.run(repo, PASSWORD, args.toArray(String[]::new)).assertOk();
      assertThat(planLines(c.stdout())).as(String.join(" ", flags))
          .isNotEmpty().isEqualTo(planLines(r.stdoutText()));
    }

    Path before = copy(repo, tmp.resolve("before"));
    new Cli(repo, PASSWORD).run("prune", "--max-unused", "0", "--repack-uncompressed")
        .assertOk();
    assertThat(restic.check(repo, PASSWORD, true).exitCode()).as("restic check --read-data")
        .isZero();
    assertSameRestores(restic, PASSWORD, before, repo);
    String again = new Cli(repo, PASSWORD).run("prune", "-v").assertOk().stdout();
    assertThat(again).containsPattern("total prune: +0 blobs / 0 B");
  }

  @Test
  void cairnWrittenRepositoryPrunedByCairnPassesResticCheck() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    Cli cli = new Cli(repo, PASSWORD);
    cli.run("init").assertOk();
    backups(cli, tmp.resolve("src"), 11, 6);
    cli.run("forget", "--keep-last", "2").assertOk();
    Path before = copy(repo, tmp.resolve("before"));
    String out = cli.run("prune", "-v").assertOk().stdout();
    ResticBinary.Result dry = restic.run(before, PASSWORD, "prune", "--dry-run", "-v").assertOk();
    assertThat(planLines(out)).isEqualTo(planLines(dry.stdoutText()));
    assertThat(out).contains("rebuilding index").contains("done");
    assertThat(restic.check(repo, PASSWORD, true).exitCode()).isZero();
    assertSameRestores(restic, PASSWORD, before, repo);
    ResticBinary.Result after = restic.run(repo, PASSWORD, "prune", "--dry-run", "-v").assertOk();
    assertThat(after.stdoutText()).containsPattern("total prune: +0 blobs / 0 B");
  }

  @Test
  void forgetWithPruneRemovesSnapshotsAndTheirData() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    Cli cli = new Cli(repo, PASSWORD);
    cli.run("init").assertOk();
    backups(cli, tmp.resolve("src"), 3, 3);
    Path before = copy(repo, tmp.resolve("before"));
    Cli.Result dry = cli.run("forget", "--keep-last", "1", "--prune", "--dry-run", "-v")
        .assertOk();
    assertThat(dry.stdout()).contains("2 snapshots have been removed, running prune")
        .contains("Would have removed the following no longer used packs:");
    assertThat(Files.list(repo.resolve("snapshots")).count()).isEqualTo(3);

    Cli.Result r = cli.run("forget", "--keep-last", "1", "--prune").assertOk();
    assertThat(r.stdout()).contains("2 snapshots have been removed, running prune")
        .contains("removing").contains("done");
    assertThat(Files.list(repo.resolve("snapshots")).count()).isEqualTo(1);
    assertThat(restic.check(repo, PASSWORD, true).exitCode()).isZero();
    assertSameRestores(restic, PASSWORD, before, repo);
  }

  /** {@code rounds} Cairn backups of {@code src}, {@link #mutate}d before each. */
  static void backups(Cli cli, Path src, long seed, int rounds, String... flags)
      throws Exception {
    Random rnd = new Random(seed);
    for (int round = 0; round < rounds; round++) {
      mutate(src, rnd, round);
      List<String> args = new ArrayList<>(List.of("backup"));
      args.addAll(List.of(flags));
      args.add(src.toString());
      cli.run(args.toArray(String[]::new)).assertOk();
    }
  }

  /** Round 0 creates the tree; later rounds add, change and delete files. */
  static void mutate(Path src, Random rnd, int round) throws Exception {
    for (int i = 0; i < 8; i++) {
      Acceptance.writeRandom(src.resolve("r" + round + "/bin" + i), 20_000 + rnd.nextInt(200_000),
          rnd);
      StringBuilder text = new StringBuilder();
      for (int line = 0; line < 2000 + rnd.nextInt(2000); line++) {
        text.append("round ").append(round).append(" line ").append(line).append(" value ")
            .append(rnd.nextInt(1000)).append('\n');
      }
      Files.createDirectories(src.resolve("r" + round));
      Files.writeString(src.resolve("r" + round + "/log" + i + ".txt"), text);
    }
    if (round >= 2) {
      Interop.deleteTree(src.resolve("r" + (round - 2)));
    }
  }

  /**
   * Every snapshot still in {@code after} restores (with restic) to the same content as from
   * {@code before}.
   */
  static void assertSameRestores(ResticBinary restic, String password, Path before, Path after)
      throws Exception {
    List<String> ids;
    try (Stream<Path> s = Files.list(after.resolve("snapshots"))) {
      ids = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    assertThat(ids).isNotEmpty();
    Path work = Files.createTempDirectory(after.getParent(), "restores");
    for (String id : ids) {
      Path a = work.resolve(id + "-before");
      Path b = work.resolve(id + "-after");
      restic.restore(before, password, id, a);
      restic.restore(after, password, id, b);
      Map<String, String> ca = new TreeMap<>(Acceptance.contents(a));
      assertThat(Acceptance.contents(b)).as("snapshot " + id).isEqualTo(ca);
    }
  }
}
