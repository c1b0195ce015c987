package dev.cairn.migrate;

import dev.cairn.backend.Backend;
import dev.cairn.backend.Handle;
import dev.cairn.core.IntegrityException;
import dev.cairn.repository.Config;
import dev.cairn.repository.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Replaces a repository's config file with a changed one, so that a failure does not leave the
 * repository without a config (restic 0.14's {@code upgrade_repo_v2} procedure):
 *
 * <ol>
 *   <li>the stored config is read and a copy of its bytes is written to a new local directory
 *       below the temporary root;
 *   <li>the stored config is removed (files are written once, see {@link Backend#save}) and the
 *       new one saved, then read back and compared;
 *   <li>when saving or the read-back fails, the old bytes are saved again and a
 *       {@link ConfigReplaceException} names the local copy, which is kept; on success the copy
 *       is deleted.
 * </ol>
 *
 * <p>A process killed between removing the old config and saving the new one leaves the
 * repository without a config; the local copy is then the way back (copy it to {@code config}
 * in the repository). The config is sealed with the master key and never compressed.
 */
public final class ConfigReplacer {
  private static final String PREFIX = "cairn-migrate-config-";

  private final Path tempRoot;

  /** Keeps the copies of old configs in new directories below {@code tempRoot}. */
  public ConfigReplacer(Path tempRoot) {
    this.tempRoot = tempRoot;
  }

  /** The config as stored now in {@code repo}. */
  static Config current(Repository repo) throws IOException {
    return open(repo, repo.backend().load(Handle.CONFIG));
  }

  private static Config open(Repository repo, byte[] sealed) {
    try {
      return Config.decode(repo.key().open(sealed));
    } catch (IntegrityException e) {
      throw new IntegrityException(
          "config of " + repo.backend().location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the stored config {@code c} with {@code change.apply(c)}; returns the new config.
   *
   * @throws ConfigReplaceException when the new config could not be stored
   * @throws IOException when the old config cannot be read or copied (nothing was changed)
   */
  public Config replace(Repository repo, UnaryOperator<Config> change) throws IOException {
    Backend backend = repo.backend();
    byte[] old = backend.load(Handle.CONFIG);
    Config next = change.apply(open(repo, old));
    Path backup = keepCopy(old);
    try {
      byte[] sealed = repo.key().seal(next.encode());
      backend.remove(Handle.CONFIG);
      backend.save(Handle.CONFIG, sealed, 0, sealed.length);
      Config stored = current(repo);
      if (!stored.equals(next)) {
        throw new IntegrityException("config read back from " + backend.location()
            + " is " + stored + ", not the " + next + " just saved");
      }
    } catch (IOException | RuntimeException e) {
      throw new ConfigReplaceException(backend.location(), e, putBack(backend, old), backup);
    }
    Files.delete(backup);
    Files.delete(backup.getParent());
    return next;
  }

  /** Writes {@code old} to {@code config} in a new private directory below the temp root. */
  private Path keepCopy(byte[] old) throws IOException {
    try {
      Path dir = Files.createTempDirectory(tempRoot, PREFIX,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return Files.write(dir.resolve("config"), old);
    } catch (IOException e) {
      throw new IOException("unable to keep a copy of the config below " + tempRoot + ": "
          + e, e);
    }
  }

  /** Stores {@code old} as the config again; returns why that failed, or null. */
  private static Exception putBack(Backend backend, byte[] old) {
    try {
      try {
        if (Arrays.equals(backend.load(Handle.CONFIG), old)) {
          return null;
        }
        backend.remove(Handle.CONFIG);
      } catch (NoSuchFileException removedBeforeTheFailedSave) {
        // nothing to remove
      }
      backend.save(Handle.CONFIG, old, 0, old.length);
      if (!Arrays.equals(backend.load(Handle.CONFIG), old)) {
        return new IntegrityException("config read back from " + backend.location()
            + " differs from the old config just saved");
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }
}
