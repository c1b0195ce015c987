package dev.cairn.repository;

import dev.cairn.backend.Backend;
import dev.cairn.backend.Handle;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.crypto.KdfParams;
import dev.cairn.crypto.KeyFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The key files of a repository ({@code keys/<id>}, restic-format.md 2.1): listing, adding a
 * key for the open repository's master key, removing one.
 */
public final class Keys {
  private Keys() {}

  /** A key file and its parsed content. */
  public record Entry(Id id, KeyFile file) {}

  /** All readable key files, in listing order; invalid ones are skipped. */
  public static List<Entry> list(Backend backend) throws IOException {
    List<Id> ids = new ArrayList<>();
    backend.list(FileType.KEY, fi -> ids.add(Id.parse(fi.name())));
    List<Entry> out = new ArrayList<>();
    for (Id id : ids) {
      try {
        out.add(new Entry(id, KeyFile.decode(backend.load(new Handle(FileType.KEY, id.hex())))));
      } catch (NoSuchFileException | IntegrityException e) {
        // removed meanwhile, or not a key restic could use either
      }
    }
    return out;
  }

  /**
   * Writes a new key file wrapping {@code repo}'s master key for {@code password}; returns its
   * id (SHA-256 of the JSON).
   */
  public static Id add(Repository repo, String password, KdfParams params, String username,
      String hostname) throws IOException {
    KeyFile kf = KeyFile.create(repo.key(), password, params, username, hostname);
    byte[] json = kf.encode();
    Id id = Id.hash(json);
    repo.backend().save(new Handle(FileType.KEY, id.hex()), json, 0, json.length);
    return id;
  }

  /**
   * Removes key {@code id}.
   *
   * @throws CairnException when it is the key {@code repo} was opened with, or does not exist
   */
  public static void remove(Repository repo, Id id) throws IOException {
    if (id.equals(repo.keyId())) {
      throw new CairnException("refusing to remove key currently used to access repository");
    }
    Handle h = new Handle(FileType.KEY, id.hex());
    try {
      repo.backend().stat(h);
    } catch (NoSuchFileException e) {
      throw new CairnException("key " + id.shortHex() + " does not exist", e);
    }
    repo.backend().remove(h);
  }
}
