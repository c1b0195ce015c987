package dev.cairn.cli.report;

import dev.cairn.core.Id;
import dev.cairn.operation.PruneListener;
import dev.cairn.prune.PrunePlan;
import dev.cairn.prune.PruneStats;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Prints a prune as restic 0.14's prune does: each step, the statistics of the plan (with
 * {@code -v}), the missing packs it repairs, and for a dry run with {@code -v} the packs it would
 * touch. Shared by {@code prune}, {@code forget --prune} and the mover.
 */
public final class PruneReport implements PruneListener {
  private final Output out;
  private final boolean json;
  private final int verbosity;
  private final boolean dryRun;

  public PruneReport(Output out, boolean json, int verbosity, boolean dryRun) {
    this.out = out;
    this.json = json;
    this.verbosity = verbosity;
    this.dryRun = dryRun;
  }

  @Override
  public void step(String message) {
    verbose(message);
  }

  @Override
  public void detail(String message) {
    if (verbosity >= 2) {
      out.println(message);
    }
  }

  @Override
  public void planned(PrunePlan plan) {
    for (Id id : new TreeSet<>(plan.unreferenced())) {
      veryVerbose("will remove pack " + id.shortHex() + " as it is unused and not indexed");
    }
    printStats(plan.stats());
    if (!plan.missing().isEmpty()) {
      out.warn("Missing but unneeded pack files are referenced in the index, will be repaired");
      for (Id id : new TreeSet<>(plan.missing())) {
        out.warn("will forget missing pack file " + id.hex());
      }
    }
    if (dryRun && verbosity >= 1 && !json) {
      if (!plan.unreferenced().isEmpty()) {
        out.println("Would have removed the following unreferenced packs:\n"
            + ids(plan.unreferenced()) + "\n");
      }
      out.println("Would have repacked and removed the following packs:\n"
          + ids(plan.repack()) + "\n");
      out.println("Would have removed the following no longer used packs:\n"
          + ids(plan.remove()) + "\n");
    }
  }

  private void printStats(PruneStats s) {
    veryVerbose("");
    veryVerbose(line("used:        ", s.used.blobs(), s.used.bytes()));
    if (s.duplicate.blobs() > 0) {
      veryVerbose(line("duplicates:  ", s.duplicate.blobs(), s.duplicate.bytes()));
    }
    veryVerbose(line("unused:      ", s.unused.blobs(), s.unused.bytes()));
    if (s.unreferencedBytes() > 0) {
      veryVerbose("unreferenced:                    " + Units.bytes(s.unreferencedBytes()));
    }
    long unusedSize = s.duplicate.bytes() + s.unused.bytes();
    veryVerbose(line("total:       ", s.totalBlobs(), s.totalBytes()));
    veryVerbose("unused size: " + percent(unusedSize, s.totalBytes()) + " of total size");
    verbose("");
    verbose(line("to repack:   ", s.repack.blobs(), s.repack.bytes()));
    verbose(line("this removes:", s.repackRemove.blobs(), s.repackRemove.bytes()));
    verbose(line("to delete:   ", s.remove.blobs(), s.remove.bytes() + s.unreferencedBytes()));
    verbose(line("total prune: ", s.prunedBlobs(), s.prunedBytes()));
    long remaining = s.totalBytes() - s.prunedBytes();
    verbose(line("remaining:   ", s.totalBlobs() - s.prunedBlobs(), remaining));
    verbose("unused size after prune: " + Units.bytes(s.unusedAfter()) + " ("
        + percent(s.unusedAfter(), remaining) + " of remaining size)");
    verbose("");
    veryVerbose(String.format(Locale.ROOT, "totally used packs: %10d", s.packsUsed()));
    veryVerbose(String.format(Locale.ROOT, "partly used packs:  %10d", s.packsPartlyUsed()));
    veryVerbose(String.format(Locale.ROOT, "unused packs:       %10d%n", s.packsUnused()));
    veryVerbose(String.format(Locale.ROOT, "to keep:      %10d packs", s.packsKeep()));
    veryVerbose(String.format(Locale.ROOT, "to repack:    %10d packs", s.packsRepack()));
    veryVerbose(String.format(Locale.ROOT, "to delete:    %10d packs", s.packsRemove()));
    if (s.packsUnreferenced() > 0) {
      veryVerbose(String.format(Locale.ROOT, "to delete:    %10d unreferenced packs%n",
          s.packsUnreferenced()));
    }
  }

  private static String line(String label, long blobs, long bytes) {
    return String.format(Locale.ROOT, "%s %10d blobs / %s", label, blobs, Units.bytes(bytes));
  }

  private static String percent(long part, long whole) {
    double p = whole == 0 ? 0 : 100.0 * part / whole;
    return String.format(Locale.ROOT, "%3.2f%%", p);
  }

  private static String ids(Set<Id> ids) {
    return ids.stream().sorted().map(Id::shortHex).collect(Collectors.joining(" ", "{", "}"));
  }

  /** restic's Verbosef: shown unless --quiet (and not in JSON mode). */
  private void verbose(String s) {
    if (verbosity >= 0 && !json) {
      out.println(s);
    }
  }

  /** restic's Verboseff: shown with -v. */
  private void veryVerbose(String s) {
    if (verbosity >= 1 && !json) {
      out.println(s);
    }
  }
}
