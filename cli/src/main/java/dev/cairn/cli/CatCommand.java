package dev.cairn.cli;

import dev.cairn.backend.Handle;
import dev.cairn.cli.report.Output;
import dev.cairn.core.BlobType;
import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import dev.cairn.crypto.MasterKeyJson;
import dev.cairn.operation.Snapshots;
import dev.cairn.repository.Repository;
import dev.cairn.snapshot.Snapshot;
import dev.cairn.snapshot.SnapshotFilter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn cat}: prints the decrypted content of a repository object. */
@Command(
    name = "cat",
    description = "Print internal objects: config, masterkey, key ID, index ID, snapshot ID, "
        + "lock ID, blob ID, pack ID, tree SNAPSHOT[:PATH]")
final class CatCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(index = "0", description = "config, masterkey, key, index, snapshot, lock, blob, pack or tree")
  String type;

  @Parameters(index = "1", arity = "0..1", description = "ID (a unique prefix is enough)")
  String id;

  @Override
  public Integer call() throws Exception {
    Output out = main.out();
    try (Repository repo = main.locator().open()) {
      switch (type) {
        case "config" -> out.prettyJson(repo.config().encode());
        case "masterkey" -> out.println(MasterKeyJson.pretty(repo.key()));
        case "key" -> out.prettyJson(repo.backend().load(
            new Handle(FileType.KEY, repo.resolve(FileType.KEY, need()).hex())));
        case "index" -> out.raw(repo.loadUnpacked(FileType.INDEX, repo.resolve(FileType.INDEX, need())));
        case "snapshot" -> out.prettyJson(repo.loadUnpacked(FileType.SNAPSHOT,
            repo.resolve(FileType.SNAPSHOT, need())));
        case "lock" -> out.prettyJson(repo.loadUnpacked(FileType.LOCK, repo.resolve(FileType.LOCK, need())));
        case "pack" -> out.raw(repo.backend().load(
            new Handle(FileType.PACK, repo.resolve(FileType.PACK, need()).hex())));
        case "blob" -> out.raw(loadAnyBlob(repo, Id.parse(need())));
        case "tree" -> {
          repo.loadIndex();
          Snapshots finder = new Snapshots(repo);
          String[] parts = need().split(":", 2);
          Snapshot sn = finder.find(parts[0], SnapshotFilter.ALL).snapshot();
          Id tree = finder.subtree(sn, parts.length > 1 ? parts[1] : "");
          out.prettyJson(repo.loadBlob(BlobType.TREE, tree));
        }
        default -> throw new CairnException("invalid type \"" + type + "\" for cat");
      }
    }
    return ExitCodes.OK;
  }

  private static byte[] loadAnyBlob(Repository repo, Id id) throws Exception {
    repo.loadIndex();
    for (BlobType t : BlobType.values()) {
      if (repo.index().has(new dev.cairn.core.BlobHandle(id, t))) {
        return repo.loadBlob(t, id);
      }
    }
    throw new CairnException("blob " + id.hex() + " not found in the index");
  }

  private String need() {
    if (id == null || id.isEmpty()) {
      throw new CairnException("ID missing: cat " + type + " needs an ID");
    }
    return id;
  }
}
