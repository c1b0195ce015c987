package dev.cairn.cli;

import dev.cairn.check.Checker;
import dev.cairn.check.Problem;
import dev.cairn.check.ReadDataSubset;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn check}: checks the repository for errors, as {@code restic check}. The cache is
 * bypassed so that every byte checked comes from the repository itself.
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
    try (Repository repo = main.locator().openUncached();
        LockScope lock = LockScope.acquire(main, repo, true, false)) {
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
