package dev.cairn.cli.report;

import dev.cairn.fs.RawNames;
import dev.cairn.operation.BackupListener;
import dev.cairn.repository.Config;
import dev.cairn.snapshot.SnapshotRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows a backup as restic does: the repository and the parent chosen, then progress (JSON
 * {@code status} and {@code error} messages with {@code --json}, a line rewritten on a terminal,
 * or, with {@code RESTIC_PROGRESS_FPS} set and no terminal, a full line at that rate), and
 * warnings for unreadable items.
 */
public final class BackupPrinter implements BackupListener, AutoCloseable {
  private final Output out;
  private final boolean json;
  private final boolean terminal;
  private final int verbosity;
  private final long start = System.nanoTime();
  private final AtomicLong filesDone = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final Set<Path> current = ConcurrentHashMap.newKeySet();
  private volatile long totalFiles;
  private volatile long totalBytes;
  private volatile boolean totalsKnown;
  private final long lineMillis;
  private final Thread ticker;

  /** Progress on a terminal or as JSON only. */
  public BackupPrinter(Output out, boolean json, int verbosity) {
    this(out, json, verbosity, 0);
  }

  /**
   * @param fps restic's {@code RESTIC_PROGRESS_FPS}: when positive and stdout is no terminal,
   *     a progress line is printed this many times a second (0.1: every ten seconds)
   */
  public BackupPrinter(Output out, boolean json, int verbosity, double fps) {
    this.out = out;
    this.json = json;
    this.verbosity = verbosity;
    this.terminal = System.console() != null && verbosity >= 0;
    this.lineMillis = !json && !terminal && fps > 0 && verbosity >= 0 ? (long) (1000 / fps) : 0;
    this.ticker = new Thread(this::tick, "cairn-progress");
    ticker.setDaemon(true);
    if (showsProgress()) {
      ticker.start();
    }
  }

  /** {@code RESTIC_PROGRESS_FPS} from {@code env}, or 0 when unset or not a number. */
  public static double fps(java.util.Map<String, String> env) {
    try {
      return Double.parseDouble(env.getOrDefault("RESTIC_PROGRESS_FPS", "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Whether progress is shown (JSON status messages, or progress lines): only then is a
   * separate scan for the totals worth its second walk of the targets.
   */
  public boolean showsProgress() {
    return json || terminal || lineMillis > 0;
  }

  @Override
  public boolean wantsTotals() {
    return showsProgress();
  }

  @Override
  public void opened(Config config) {
    if (!json && verbosity >= 0) {
      out.println("repository " + config.id().substring(0, 8) + " opened (version "
          + config.version() + ")");
    }
  }

  @Override
  public void parentChosen(SnapshotRef parent) {
    if (!json && verbosity >= 0) {
      out.println(parent == null ? "no parent snapshot found, will read all files"
          : "using parent snapshot " + parent.id().shortHex());
    }
  }

  @Override
  public void startFile(Path path) {
    current.add(path);
  }

  @Override
  public void completeItem(Path path, boolean dir, long bytes) {
    if (!dir) {
      current.remove(path);
      filesDone.incrementAndGet();
    }
  }

  @Override
  public void addBytes(long n) {
    bytesDone.addAndGet(n);
  }

  @Override
  public void totals(long files, long dirs, long bytes) {
    totalFiles = files;
    totalBytes = bytes;
    totalsKnown = true;
  }

  @Override
  public void error(Path path, String during, Exception e) {
    errors.incrementAndGet();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message_type", "error");
      m.put("error", Map.of("message", String.valueOf(e.getMessage())));
      m.put("during", during);
      m.put("item", RawNames.display(path));
      out.json(m);
    } else {
      out.warn("error: " + e.getMessage());
    }
  }

  @Override
  public void warning(String message) {
    if (!json && verbosity >= 0) {
      out.warn("warning: " + message);
    }
  }

  public long errors() {
    return errors.get();
  }

  private void tick() {
    try {
      while (true) {
        Thread.sleep(json ? 1000 : lineMillis > 0 ? lineMillis : 200);
        print();
      }
    } catch (InterruptedException e) {
      // finished
    }
  }

  private synchronized void print() {
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    double pct = totalsKnown && totalBytes > 0 ? Math.min(1.0, bytesDone.get() / (double) totalBytes) : 0;
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message_type", "status");
      m.put("seconds_elapsed", seconds);
      m.put("percent_done", pct);
      m.put("total_files", totalFiles);
      m.put("files_done", filesDone.get());
      m.put("total_bytes", totalBytes);
      m.put("bytes_done", bytesDone.get());
      m.put("error_count", errors.get());
      List<String> cur = current.stream().limit(2).map(RawNames::display).toList();
      if (!cur.isEmpty()) {
        m.put("current_files", cur);
      }
      out.json(m);
    } else {
      String line = String.format(Locale.ROOT, "[%s] %.2f%%  %d files %s, total %d files %s, %d errors",
          Units.duration(seconds), pct * 100, filesDone.get(), Units.bytes(bytesDone.get()),
          totalFiles, Units.bytes(totalBytes), errors.get());
      if (lineMillis > 0) {
        out.println(line);
      } else {
        out.progress(line);
      }
    }
  }

  @Override
  public void close() {
    ticker.interrupt();
    try {
      ticker.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal && !json) {
      out.progress("");
    }
  }
}
