package dev.cairn.operation;

import dev.cairn.backend.Handle;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import dev.cairn.repository.Repository;
import dev.cairn.restore.PackSource;
import java.io.IOException;
import java.util.List;

/** Lets restore read packs of a repository. */
final class RepositoryPackSource implements PackSource {
  private final Repository repo;

  RepositoryPackSource(Repository repo) {
    this.repo = repo;
  }

  @Override
  public List<PackedBlob> locate(BlobHandle handle) {
    return repo.index().lookupAll(handle);
  }

  @Override
  public void readPack(Id pack, long offset, int length, byte[] dst) throws IOException {
    repo.backend().load(new Handle(FileType.PACK, pack.hex()), offset, dst, 0, length);
  }

  @Override
  public byte[] openBlob(PackedBlob blob, byte[] buf, int off) {
    return repo.codec().openTransient(blob, buf, off);
  }

  @Override
  public int connections() {
    return repo.backend().connections();
  }
}
