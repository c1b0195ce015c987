package dev.cairn.cli;

import dev.cairn.check.Checker;
import dev.cairn.cli.report.Output;
import dev.cairn.core.CairnException;
import dev.cairn.migrate.Applicability;
import dev.cairn.migrate.Migration;
import dev.cairn.migrate.Migrations;
import dev.cairn.operation.HeldLock;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn migrate [NAME...]}: without names, lists the migrations that can be applied;
 * with names, applies them in order, as {@code restic migrate} (0.14). Holds an exclusive lock
 * either way and works without the cache.
 *
 * <p>Two departures from restic 0.14, which exits 0 in both cases: an unknown name is refused
 * before the repository is opened, and a migration that cannot be applied (without
 * {@code --force}) makes the command exit 1.
 */
@Command(
    name = "migrate",
    description = {
      "Apply migrations",
      "",
      "Checks which migrations can be applied to the repository and lists them. "
          + "Given migration names, applies these migrations.",
      "",
      "upgrade_repo_v2: upgrade a repository to version 2 (compression). The repository is "
          + "checked first; the old config is kept in a local temporary directory and put back "
          + "if writing the new one fails."
    },
    footer = {"", "Exit status is 0 if the command was successful, and non-zero if there was "
        + "any error."})
final class MigrateCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = {"-f", "--force"}, description = "apply a migration a second time")
  boolean force;

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "migrations to apply")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Migrations migrations = new Migrations(tempRoot());
    List<Migration> chosen = new ArrayList<>();
    for (String name : names) {
      chosen.add(migrations.find(name).orElseThrow(() -> new CairnException(
          "unknown migration \"" + name + "\" (available: " + migrations.names() + ")")));
    }
    try (Repository repo = main.locator().openUncached();
        HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.EXCLUSIVE, main.lockOptions())) {
      if (chosen.isEmpty()) {
        list(repo, migrations.all());
        return ExitCodes.OK;
      }
      return applyAll(repo, chosen);
    }
  }

  /** restic's temporary directory: {@code $TMPDIR}, else the JVM's. */
  private Path tempRoot() {
    String tmp = main.env().get("TMPDIR");
    return Path.of(tmp != null && !tmp.isEmpty() ? tmp : System.getProperty("java.io.tmpdir"));
  }

  private void list(Repository repo, List<Migration> all) throws IOException {
    Output out = main.out();
    out.println("available migrations:");
    boolean found = false;
    for (Migration m : all) {
      if (m.check(repo).applies()) {
        out.println("  " + m.name() + "\t" + m.description());
        found = true;
      }
    }
    if (!found) {
      out.println("no migrations found");
    }
  }

  /**
   * Applies each migration in turn; one that fails does not stop the next. The first failure
   * is rethrown at the end, so that it decides the exit code; a refused migration gives 1.
   */
  private int applyAll(Repository repo, List<Migration> chosen) throws Exception {
    Output out = main.out();
    Exception first = null;
    boolean refused = false;
    boolean checked = false;
    for (Migration m : chosen) {
      Applicability a = m.check(repo);
      if (!a.applies()) {
        if (!force) {
          out.warn("migration " + m.name() + " cannot be applied: " + a.reason()
              + "\nIf you want to apply this migration anyway, re-run with option --force");
          refused = true;
          continue;
        }
        out.warn("check for migration " + m.name() + " failed, continuing anyway");
      }
      if (m.needsRepositoryCheck() && !checked) {
        checkRepository(repo);
        checked = true;
      }
      out.println("applying migration " + m.name() + "...");
      try {
        m.apply(repo);
      } catch (IOException | RuntimeException e) {
        out.warn("migration " + m.name() + " failed: " + e.getMessage());
        first = first == null ? e : first;
        continue;
      }
      out.println("migration " + m.name() + ": success");
    }
    if (first != null) {
      throw first;
    }
    return refused ? ExitCodes.FATAL : ExitCodes.OK;
  }

  /**
   * As {@code cairn check} without reading data, under the lock already held; once per run,
   * since the checker fills the repository's index.
   */
  private void checkRepository(Repository repo) throws IOException {
    Output out = main.out();
    out.println("checking repository integrity...");
    Checker checker = CheckCommand.checkStructure(out, repo, null);
    if (checker.errors() > 0) {
      throw new CairnException("repository contains errors");
    }
    out.println("no errors were found");
  }
}
