package dev.cairn.repository;

import dev.cairn.backend.Handle;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock files of a repository, for {@code unlock}: restic removes the stale ones (older than
 * 30 minutes, or made on this host by a process that is gone) or, with {@code --remove-all},
 * every lock.
 */
public final class Locks {
  private Locks() {}

  /** A lock file and its content; {@code content} is null when it could not be read. */
  public record Entry(Id id, LockFile content) {}

  /** All lock files; unreadable ones have a null content, vanished ones are left out. */
  public static List<Entry> list(Repository repo) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Id id : repo.list(FileType.LOCK)) {
      try {
        out.add(new Entry(id, LockFile.decode(repo.loadUnpacked(FileType.LOCK, id))));
      } catch (NoSuchFileException gone) {
        // removed meanwhile
      } catch (CairnException unreadable) {
        out.add(new Entry(id, null));
      }
    }
    return out;
  }

  /**
   * Removes the locks that are stale at {@code now} by restic's rule; unreadable lock files are
   * kept (restic skips them too). Returns how many were removed.
   */
  public static int removeStale(Repository repo, Instant now) throws IOException {
    return removeStale(repo, now, StaleLockPolicy.RESTIC).size();
  }

  /** Removes the locks {@code policy} finds stale at {@code now}; returns those removed. */
  public static List<Entry> removeStale(Repository repo, Instant now, StaleLockPolicy policy)
      throws IOException {
    List<Entry> removed = new ArrayList<>();
    for (Entry e : list(repo)) {
      if (e.content() != null && policy.staleReason(e.content(), now) != null
          && remove(repo, e.id()) > 0) {
        removed.add(e);
      }
    }
    return removed;
  }

  /** Removes every lock file, readable or not. Returns how many were removed. */
  public static int removeAll(Repository repo) throws IOException {
    int n = 0;
    for (Id id : repo.list(FileType.LOCK)) {
      n += remove(repo, id);
    }
    return n;
  }

  /** Removes one lock file; 1 when it was there, 0 when it was gone already. */
  static int remove(Repository repo, Id id) throws IOException {
    try {
      repo.backend().remove(new Handle(FileType.LOCK, id.hex()));
      return 1;
    } catch (NoSuchFileException gone) {
      return 0;
    }
  }
}
