package dev.cairn.operation;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What a backup reads. */
public sealed interface BackupSource {
  /**
   * Files and directories, recorded under their absolute paths with their ancestors (restic's
   * {@code backup PATH...}).
   */
  record Paths(List<Path> paths) implements BackupSource {
    public Paths {
      paths = List.copyOf(paths);
    }
  }

  /**
   * The contents of {@code dir} at the snapshot's root, recorded as {@code recordedPath}
   * (restic's {@code backup .} run in a directory mounted at {@code recordedPath}; Volsync's
   * mover backs up {@code /data} this way).
   */
  record Contents(Path dir, String recordedPath) implements BackupSource {
    public Contents {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(recordedPath, "recordedPath");
    }
  }

  /** One file read from a stream (restic's {@code backup --stdin}). */
  record Stdin(InputStream in, String filename) implements BackupSource {
    public Stdin {
      Objects.requireNonNull(in, "in");
      Objects.requireNonNull(filename, "filename");
    }
  }
}
