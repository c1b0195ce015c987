package dev.cairn.backup;

import java.io.IOException;
import java.nio.file.Path;

/** A source file could not be read: the item is left out and the backup goes on. */
final class SourceException extends IOException {
  SourceException(Path path, IOException cause) {
    super(path + ": " + cause.getMessage(), cause);
  }
}
