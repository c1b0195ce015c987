package dev.cairn.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.core.Id;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the installed restic (Debian's 0.14, go1.19) on a directory of randomly named files drawn
 * from the whole Unicode range, so that Go's {@code strconv.IsPrint} tables are compared with
 * ours on real output (400 names, an Asia/Kolkata zone for the +05:30 offset). Skipped when
 * {@code /usr/bin/restic} is absent or the JVM cannot create non-ASCII file names.
 */
class ResticBinaryTreeTest {
  private static final Path RESTIC = Path.of("/usr/bin/restic");

  @TempDir Path dir;

  @Test
  void treeOfRandomUnicodeNamesMatchesRestic() throws Exception {
    assumeTrue(Files.isExecutable(RESTIC), "restic binary not installed");
    assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
        "file names are not UTF-8 in this JVM");
    Path src = Files.createDirectory(dir.resolve("d"));
    Set<String> names = randomNames(new Random(7), 400);
    for (String name : names) {
      Files.write(src.resolve(name), new byte[] {1});
    }
    Files.createSymbolicLink(src.resolve("link"), Path.of("t<&>\u2028\u00e9"));

    run("init");
    run("backup", "--quiet", "d");
    String snapshots = run("snapshots", "--json", "--latest", "1");
    int at = snapshots.indexOf("\"tree\":\"") + 8;
    Id rootId = Id.parse(snapshots.substring(at, at + 64));
    Tree root = checkedTree(rootId);
    Tree tree = checkedTree(root.nodes().get(0).subtree());

    Set<String> stored = new HashSet<>();
    for (Node n : tree.nodes()) {
      stored.add(n.displayName());
    }
    assertThat(stored).containsAll(names).contains("link");
    long escaped = tree.nodes().stream()
        .filter(n -> !GoStrings.quoteName(n.name()).equals(n.displayName())).count();
    assertThat(escaped).as("names that needed Go escapes").isGreaterThan(50);
    assertThat(escaped).as("names that stayed raw").isLessThan(tree.nodes().size() - 50);
  }

  /** Fetches a tree blob from restic and checks decode-then-encode gives the same bytes and id. */
  private Tree checkedTree(Id id) throws Exception {
    byte[] blob = runBytes("cat", "blob", id.hex());
    assertThat(Id.hash(blob)).isEqualTo(id);
    Tree tree = Tree.decode(blob);
    assertThat(new String(tree.encode(), StandardCharsets.UTF_8))
        .isEqualTo(new String(blob, StandardCharsets.UTF_8));
    assertThat(tree.id()).isEqualTo(id);
    return tree;
  }

  private static Set<String> randomNames(Random random, int count) {
    Set<String> names = new HashSet<>();
    while (names.size() < count) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + random.nextInt(4);
      for (int i = 0; i < len; i++) {
        int cp = switch (random.nextInt(4)) {
          case 0 -> random.nextInt(0x80);
          case 1 -> random.nextInt(0x3000);
          case 2 -> random.nextInt(0x10000);
          default -> random.nextInt(0x110000);
        };
        if (cp == 0 || cp == '/' || (cp >= 0xD800 && cp <= 0xDFFF)) {
          continue;
        }
        sb.appendCodePoint(cp);
      }
      String name = sb.toString();
      if (!name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.equals("link")
          && name.getBytes(StandardCharsets.UTF_8).length < 200) {
        names.add(name);
      }
    }
    return names;
  }

  private String run(String... args) throws Exception {
    return new String(runBytes(args), StandardCharsets.UTF_8);
  }

  private byte[] runBytes(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(RESTIC.toString(), "-r", dir.resolve("repo").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("RESTIC_PASSWORD", "test");
    pb.environment().put("TZ", "Asia/Kolkata");
    pb.environment().put("RESTIC_CACHE_DIR", dir.resolve("cache").toString());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("restic %s", String.join(" ", args)).isZero();
    return out;
  }
}
