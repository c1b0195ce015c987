package dev.cairn.cli;

import dev.cairn.check.Checker;
import dev.cairn.check.Problem;
import dev.cairn.check.ReadDataSubset;
import dev.cairn.cli.report.Output;
import dev.cairn.operation.HeldLock;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn check}: checks the repository for errors, as {@code restic check}. Like restic,
 * it uses a fresh temporary cache (deleted at the end), never the user's: every byte checked
 * comes from the repository, and tree packs are fetched whole once.
 */
@Command(name = "check", description = "Check the repository for errors")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--read-data", description = "read all data blobs")
  boolean readData;

  @Option(names = "--read-data-subset", paramLabel = "subset",
      description = "read a subset of data packs: n/t, x% or a size such as 500M")
  String readDataSubset;

  @Override
  public Integer call() throws Exception {
    ReadDataSubset subset = null;
    if (readDataSubset != null) {
      subset = ReadDataSubset.parse(readDataSubset);
    } else if (readData) {
      subset = ReadDataSubset.ALL;
    }
    Output out = main.out();
    Path cacheDir = Files.createTempDirectory("cairn-check-cache-");
    try (Repository repo = main.locator().openCachedAt(cacheDir);
        HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.EXCLUSIVE, main.lockOptions())) {
      Checker checker = checkStructure(out, repo, subset);
      if (subset != null) {
        out.println(subset == ReadDataSubset.ALL ? "read all data" : "read group of data packs");
        int n = checker.readData();
        if (subset != ReadDataSubset.ALL) {
          out.println(n + " packs read");
        }
      }
      if (checker.errors() > 0) {
        out.warn("Fatal: repository contains errors");
        return ExitCodes.FATAL;
      }
      out.println("no errors were found");
      return ExitCodes.OK;
    } finally {
      deleteTree(cacheDir);
    }
  }

  /** Removes the temporary cache (plain files and directories that check itself made). */
  private static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Loads the index, then checks packs, snapshots, trees and blobs, printing the steps and the
   * problems as they are found; returns the checker, which counts them and can read data next
   * (the packs of {@code subset}, when not null).
   */
  static Checker checkStructure(Output out, Repository repo, ReadDataSubset subset)
      throws IOException {
    Checker checker = new Checker(repo, p -> print(out, p));
    if (subset != null) {
      checker.readDataLater(subset, new SecureRandom());
    }
    out.println("load indexes");
    checker.loadIndex();
    out.println("check all packs");
    checker.checkPacks();
    out.println("check snapshots, trees and blobs");
    checker.checkStructure();
    return checker;
  }

  private static void print(Output out, Problem p) {
    if (p.isError()) {
      out.warn("error: " + p.message());
    } else {
      out.println("warning: " + p.message());
    }
  }
}
