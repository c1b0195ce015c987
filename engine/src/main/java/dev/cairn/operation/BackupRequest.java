package dev.cairn.operation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backup to make. Build one with {@link #of} and the withers.
 *
 * @param source what to read
 * @param hostname the host recorded in the snapshot, or null for this host's name
 * @param tags tags of the snapshot
 * @param excludes exclude patterns (restic's syntax), recorded in the snapshot
 * @param oneFileSystem do not descend into other file systems
 * @param parent the parent snapshot ({@code latest} or an id prefix), or null to pick the latest
 *     of the same host and paths
 * @param force read every file, ignoring the parent
 * @param time the snapshot's time, or null for the start of the backup
 * @param dryRun store nothing, only count
 * @param ignoreCtime a changed ctime alone does not make a file changed
 * @param ignoreInode a changed inode alone does not make a file changed
 * @param readConcurrency files read at once
 * @param packSize target pack size in bytes
 * @param programVersion recorded in the snapshot, e.g. {@code cairn 0.1.0}
 */
public record BackupRequest(
    BackupSource source,
    String hostname,
    List<String> tags,
    List<String> excludes,
    boolean oneFileSystem,
    String parent,
    boolean force,
    Instant time,
    boolean dryRun,
    boolean ignoreCtime,
    boolean ignoreInode,
    int readConcurrency,
    int packSize,
    String programVersion) {
  /** restic's default pack size, 16 MiB. */
  public static final int DEFAULT_PACK_SIZE = 16 << 20;

  /** Requires a source and positive sizes; copies the lists. */
  public BackupRequest {
    Objects.requireNonNull(source, "source");
    tags = List.copyOf(tags);
    excludes = List.copyOf(excludes);
    if (readConcurrency < 1) {
      throw new IllegalArgumentException("read concurrency must be at least 1, got "
          + readConcurrency);
    }
    programVersion = Objects.requireNonNullElse(programVersion, "");
  }

  /** A backup of {@code source} with restic's defaults. */
  public static BackupRequest of(BackupSource source) {
    return new BackupRequest(source, null, List.of(), List.of(), false, null, false, null,
        false, false, false, 2, DEFAULT_PACK_SIZE, "");
  }

  public BackupRequest withHostname(String h) {
    return new BackupRequest(source, h, tags, excludes, oneFileSystem, parent, force, time,
        dryRun, ignoreCtime, ignoreInode, readConcurrency, packSize, programVersion);
  }

  public BackupRequest withTags(List<String> t) {
    return new BackupRequest(source, hostname, t, excludes, oneFileSystem, parent, force, time,
        dryRun, ignoreCtime, ignoreInode, readConcurrency, packSize, programVersion);
  }

  public BackupRequest withExcludes(List<String> e) {
    return new BackupRequest(source, hostname, tags, e, oneFileSystem, parent, force, time,
        dryRun, ignoreCtime, ignoreInode, readConcurrency, packSize, programVersion);
  }

  /** With the change-detection and traversal switches. */
  public BackupRequest withScan(boolean oneFs, boolean noCtime, boolean noInode) {
    return new BackupRequest(source, hostname, tags, excludes, oneFs, parent, force, time,
        dryRun, noCtime, noInode, readConcurrency, packSize, programVersion);
  }

  /** With an explicit parent (or null) and {@code --force}. */
  public BackupRequest withParent(String p, boolean f) {
    return new BackupRequest(source, hostname, tags, excludes, oneFileSystem, p, f, time,
        dryRun, ignoreCtime, ignoreInode, readConcurrency, packSize, programVersion);
  }

  public BackupRequest withTime(Instant t) {
    return new BackupRequest(source, hostname, tags, excludes, oneFileSystem, parent, force, t,
        dryRun, ignoreCtime, ignoreInode, readConcurrency, packSize, programVersion);
  }

  public BackupRequest withDryRun(boolean d) {
    return new BackupRequest(source, hostname, tags, excludes, oneFileSystem, parent, force,
        time, d, ignoreCtime, ignoreInode, readConcurrency, packSize, programVersion);
  }

  /** With the reading and packing sizes. */
  public BackupRequest withSizes(int readers, int pack) {
    return new BackupRequest(source, hostname, tags, excludes, oneFileSystem, parent, force,
        time, dryRun, ignoreCtime, ignoreInode, readers, pack, programVersion);
  }

  public BackupRequest withProgramVersion(String v) {
    return new BackupRequest(source, hostname, tags, excludes, oneFileSystem, parent, force,
        time, dryRun, ignoreCtime, ignoreInode, readConcurrency, packSize, v);
  }
}
