package dev.cairn.repository;

import dev.cairn.backend.Backend;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.HostIdentity;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.KdfParams;
import dev.cairn.crypto.Key;
import dev.cairn.crypto.KeyFile;
import dev.cairn.pack.Compression;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** Creates repositories and opens existing ones with a password. */
public final class RepositoryOpener {
  /** restic gives up after trying this many key files. */
  static final int MAX_KEYS = 20;

  private RepositoryOpener() {}

  /**
   * Opens the repository in {@code backend}.
   *
   * @throws NoRepositoryException when there is no config file
   * @throws WrongPasswordException when no key file opens with {@code password}
   */
  public static Repository open(Backend backend, String password, Compression compression)
      throws IOException {
    byte[] sealedConfig;
    try {
      sealedConfig = backend.load(Handle.CONFIG);
    } catch (NoSuchFileException e) {
      throw new NoRepositoryException(
          "unable to open config file: " + backend.location() + "/config does not exist"
              + (e.getReason() == null ? "" : " (" + e.getReason() + ")") + "\n"
              + "Is there a repository at the following location?\n" + backend.location(), e);
    }
    List<Id> keys = listKeys(backend);
    int tried = 0;
    for (Id keyId : keys) {
      if (tried++ >= MAX_KEYS) {
        break;
      }
      KeyFile kf;
      try {
        kf = KeyFile.decode(backend.load(new Handle(FileType.KEY, keyId.hex())));
      } catch (IntegrityException | NoSuchFileException e) {
        continue;
      }
      Key master;
      try {
        master = kf.unlock(password);
      } catch (IntegrityException e) {
        continue;
      }
      Config config;
      try {
        config = Config.decode(master.open(sealedConfig));
      } catch (IntegrityException e) {
        throw new IntegrityException("config of " + backend.location() + ": " + e.getMessage(), e);
      }
      return new Repository(backend, master, keyId, config, compression);
    }
    throw new WrongPasswordException("wrong password or no key found");
  }

  /**
   * Creates a new repository: structure, a master key with one key file for {@code password},
   * and the config.
   *
   * @param polynomial the chunker polynomial as lowercase hex (restic picks a random one)
   * @throws java.nio.file.FileAlreadyExistsException when a repository exists there already
   */
  public static Repository init(
      Backend backend, String password, int version, String polynomial, KdfParams kdf)
      throws IOException {
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("repository version " + version + " is not 1 or 2");
    }
    try {
      backend.stat(Handle.CONFIG);
      throw new FileAlreadyExistsException(
          backend.location() + "/config", null, "repository already initialized");
    } catch (NoSuchFileException expected) {
      // good: nothing there yet
    }
    backend.create();
    Key master = Key.random();
    HostIdentity who = HostIdentity.current();
    KeyFile kf = KeyFile.create(master, password, kdf, who.username(), who.hostname());
    byte[] json = kf.encode();
    Id keyId = Id.hash(json);
    backend.save(new Handle(FileType.KEY, keyId.hex()), json, 0, json.length);
    byte[] id = new byte[32];
    new SecureRandom().nextBytes(id);
    Config config = new Config(version, HexFormat.of().formatHex(id), polynomial);
    byte[] sealed = master.seal(config.encode());
    backend.save(Handle.CONFIG, sealed, 0, sealed.length);
    return new Repository(backend, master, keyId, config, Compression.AUTO);
  }

  private static List<Id> listKeys(Backend backend) throws IOException {
    List<Id> out = new java.util.ArrayList<>();
    backend.list(FileType.KEY, fi -> out.add(Id.parse(fi.name())));
    return out;
  }
}
