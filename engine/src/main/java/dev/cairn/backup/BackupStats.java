package dev.cairn.backup;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one backup, as restic's summary reports them; updated concurrently. */
public final class BackupStats {
  final AtomicLong filesNew = new AtomicLong();
  final AtomicLong filesChanged = new AtomicLong();
  final AtomicLong filesUnmodified = new AtomicLong();
  final AtomicLong dirsNew = new AtomicLong();
  final AtomicLong dirsChanged = new AtomicLong();
  final AtomicLong dirsUnmodified = new AtomicLong();
  final AtomicLong bytesProcessed = new AtomicLong();
  final AtomicLong bytesRead = new AtomicLong();
  final AtomicLong errors = new AtomicLong();

  public long filesNew() {
    return filesNew.get();
  }

  public long filesChanged() {
    return filesChanged.get();
  }

  public long filesUnmodified() {
    return filesUnmodified.get();
  }

  public long dirsNew() {
    return dirsNew.get();
  }

  public long dirsChanged() {
    return dirsChanged.get();
  }

  public long dirsUnmodified() {
    return dirsUnmodified.get();
  }

  /** Files processed: new, changed and unmodified. */
  public long filesProcessed() {
    return filesNew() + filesChanged() + filesUnmodified();
  }

  /** Bytes of all files processed, read or not. */
  public long bytesProcessed() {
    return bytesProcessed.get();
  }

  /** Bytes actually read from files (unchanged files are not read). */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** Items that could not be read and were left out. */
  public long errors() {
    return errors.get();
  }
}
