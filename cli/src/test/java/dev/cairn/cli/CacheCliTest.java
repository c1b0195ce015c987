package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cache end to end: a backup fills it with index and snapshot files and the tree packs
 * it writes, a restore adds the tree packs it reads (and only those), later commands read them
 * from the cache, and {@code --no-cache} and {@code --cache-dir} are honoured.
 */
class CacheCliTest {
  private static final String PASSWORD = "cache-pw";
  @TempDir Path tmp;

  @Test
  void backupAndRestoreFillTheCacheWithMetadataOnly() throws Exception {
    Path repo = tmp.resolve("repo");
    Path cacheBase = tmp.resolve("cache");
    Path src = tmp.resolve("src");
    Random rnd = new Random(7);
    Acceptance.writeRandom(src.resolve("a.bin"), 300_000, rnd);
    Acceptance.writeRandom(src.resolve("d/b.bin"), 20_000, rnd);
    Acceptance.writeRandom(src.resolve("d/e/c.bin"), 1_000, rnd);
    Cli cli = new Cli(repo, PASSWORD).env("RESTIC_CACHE_DIR", cacheBase.toString());
    cli.run("init").assertOk();
    cli.run("backup", src.toString()).assertOk();

    assertThat(cacheBase.resolve("CACHEDIR.TAG")).exists();
    Path dir = repositoryCache(cacheBase);
    assertThat(names(dir.resolve("index"))).isEqualTo(names(repo.resolve("index")));
    assertThat(names(dir.resolve("snapshots"))).isEqualTo(names(repo.resolve("snapshots")));
    // the backup kept a copy of the tree packs it saved, as restic does: the next backup reads
    // its parent's trees from there
    Map<String, Path> savedTrees = files(dir.resolve("data"));
    assertThat(savedTrees).isNotEmpty();
    assertThat(savedTrees.size()).isLessThan(files(repo.resolve("data")).size());
    for (Map.Entry<String, Path> e : savedTrees.entrySet()) {
      assertThat(e.getValue()).hasSameBinaryContentAs(files(repo.resolve("data")).get(e.getKey()));
    }

    cli.run("snapshots").assertOk();
    Path out = tmp.resolve("out");
    cli.run("restore", "latest", "--target", out.toString()).assertOk();
    assertThat(Acceptance.contents(Acceptance.restoredRoot(out, src)))
        .isEqualTo(Acceptance.contents(src));

    Map<String, Path> cachedPacks = files(dir.resolve("data"));
    Map<String, Path> repoPacks = files(repo.resolve("data"));
    assertThat(cachedPacks).isNotEmpty().containsOnlyKeys(savedTrees.keySet());
    assertThat(repoPacks.keySet()).containsAll(cachedPacks.keySet());
    assertThat(cachedPacks.size()).as("data packs are not cached").isLessThan(repoPacks.size());
    for (Map.Entry<String, Path> e : cachedPacks.entrySet()) {
      assertThat(e.getValue()).hasSameBinaryContentAs(repoPacks.get(e.getKey()));
      assertThat(e.getValue().getParent().getFileName().toString())
          .isEqualTo(e.getKey().substring(0, 2));
    }

    // spoil the repository's copy of each tree pack: reads through the cache still work ...
    for (String name : cachedPacks.keySet()) {
      Path p = repoPacks.get(name);
      long size = Files.size(p);
      Files.delete(p);
      Files.write(p, new byte[(int) size]);
    }
    assertThat(cli.run("ls", "latest").assertOk().stdout()).contains("c.bin");
    Path again = tmp.resolve("again");
    cli.run("restore", "latest", "--target", again.toString()).assertOk();
    assertThat(Acceptance.contents(Acceptance.restoredRoot(again, src)))
        .isEqualTo(Acceptance.contents(src));
    // ... while without the cache the damage shows
    assertThat(cli.run("--no-cache", "ls", "latest").exitCode()).isNotZero();
  }

  @Test
  void noCacheWritesNoCacheAndCacheDirOverridesTheEnvironment() throws Exception {
    Path repo = tmp.resolve("repo");
    Path envBase = tmp.resolve("env-cache");
    Path flagBase = tmp.resolve("flag-cache");
    Path src = tmp.resolve("src");
    Acceptance.writeRandom(src.resolve("f"), 5_000, new Random(1));
    Cli cli = new Cli(repo, PASSWORD).env("RESTIC_CACHE_DIR", envBase.toString());
    cli.run("init").assertOk();
    cli.run("--no-cache", "backup", src.toString()).assertOk();
    cli.run("--no-cache", "snapshots").assertOk();
    assertThat(envBase).doesNotExist();

    cli.run("--cache-dir", flagBase.toString(), "snapshots").assertOk();
    assertThat(envBase).doesNotExist();
    Path dir = repositoryCache(flagBase);
    assertThat(names(dir.resolve("snapshots"))).isEqualTo(names(repo.resolve("snapshots")));
    assertThat(names(dir.resolve("snapshots"))).hasSize(1);
  }

  /** The one repository directory below a cache base. */
  private static Path repositoryCache(Path base) throws Exception {
    try (Stream<Path> s = Files.list(base)) {
      Set<Path> dirs = s.filter(Files::isDirectory).collect(Collectors.toSet());
      assertThat(dirs).hasSize(1);
      return dirs.iterator().next();
    }
  }

  private static Set<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Regular files below {@code dir}, by name. */
  private static Map<String, Path> files(Path dir) throws Exception {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> out.put(p.getFileName().toString(), p));
    }
    return out;
  }
}
