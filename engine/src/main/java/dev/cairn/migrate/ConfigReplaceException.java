package dev.cairn.migrate;

import dev.cairn.core.CairnException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writing a new config failed. The cause is that failure. The old config was put back unless
 * {@link #restoreFailure} says otherwise; either way a copy of it stays in {@link #backupFile}.
 */
public final class ConfigReplaceException extends CairnException {
  private final transient Path backupFile;
  private final Exception restoreFailure;

  ConfigReplaceException(String location, Exception cause, Exception restoreFailure,
      Path backupFile) {
    super(message(location, cause, restoreFailure, backupFile), cause);
    this.backupFile = backupFile;
    this.restoreFailure = restoreFailure;
  }

  private static String message(String location, Exception cause, Exception restoreFailure,
      Path backupFile) {
    String upload = "error uploading config to " + location + " (" + cause.getMessage() + ")";
    if (restoreFailure != null) {
      return upload + ", re-uploading the old config failed as well ("
          + restoreFailure.getMessage() + "), but there is a backup of the config file in "
          + backupFile;
    }
    return upload + ", re-uploading the old config was successful, there is a backup of the "
        + "config file in " + backupFile;
  }

  /** The local copy of the old config, exactly as it was stored (sealed). */
  public Path backupFile() {
    return backupFile;
  }

  /** Why the old config could not be put back, if it could not. */
  public Optional<Exception> restoreFailure() {
    return Optional.ofNullable(restoreFailure);
  }
}
