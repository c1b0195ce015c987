package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.mover.ResultSchema;
import dev.cairn.testing.AwkwardNames;
import dev.cairn.testing.ResticBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built artifacts, started as a user or a container starts them (after {@code package}):
 * {@code java -jar cairn.jar} keeps raw file names, a JVM without access to them refuses instead
 * of mangling, and the container image's files exist and its mover entry point runs.
 */
class JarIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("cli/target/cairn.jar");
  private static final String PASSWORD = "jar-it";

  @TempDir Path tmp;

  private record Run(int exit, String stdout, String stderr) {}

  private static Run run(List<String> cmd, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_") || k.startsWith("CAIRN_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("%s finished", cmd).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A tree whose names are not UTF-8 (and other awkward ones), by raw bytes. */
  private Path awkwardTree() throws IOException {
    Path src = tmp.resolve("src");
    AwkwardNames.create(src, Instant.parse("2024-01-02T03:04:05Z"));
    return src;
  }

  /** Every entry below {@code dir} with its kind and content hash, names as raw bytes. */
  private static byte[] listing(Path dir) throws Exception {
    Process p = new ProcessBuilder("sh", "-c",
        "find . -mindepth 1 -printf '%y %P\\0' | sort -z;"
            + " find . -type f -print0 | sort -z | xargs -0 sha256sum")
        .directory(dir.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    return out;
  }

  @Test
  void javaDashJarKeepsRawNamesAndResticRestoresTheSameBytes() throws Exception {
    Path src = awkwardTree();
    Map<String, String> env = Map.of("RESTIC_REPOSITORY", tmp.resolve("repo").toString(),
        "RESTIC_PASSWORD", PASSWORD, "RESTIC_CACHE_DIR", tmp.resolve("cache").toString());
    assertThat(run(List.of(java(), "-jar", JAR.toString(), "init"), env, tmp).exit()).isZero();
    Run backup = run(List.of(java(), "-jar", JAR.toString(), "backup", src.toString()), env, tmp);
    assertThat(backup.exit()).as(backup.stderr()).isZero();
    Path out = tmp.resolve("restored");
    ResticBinary.require().run(tmp.resolve("repo"), PASSWORD, "restore", "latest", "--target",
        out.toString()).assertOk();
    byte[] expected = listing(src);
    assertThat(new String(expected, StandardCharsets.ISO_8859_1)).contains("invalid-\u00ff");
    assertThat(listing(out.resolve(src.toString().substring(1)))).isEqualTo(expected);
  }

  @Test
  void aJvmWithoutRawNamesRefusesInsteadOfManglingThem() throws Exception {
    Path src = awkwardTree();
    Map<String, String> env = Map.of("RESTIC_REPOSITORY", tmp.resolve("repo").toString(),
        "RESTIC_PASSWORD", PASSWORD, "RESTIC_CACHE_DIR", tmp.resolve("cache").toString());
    List<String> plain = List.of(java(), "-cp", JAR.toString(), Main.class.getName());
    List<String> init = new ArrayList<>(plain);
    init.add("init");
    assertThat(run(init, env, tmp).exit()).isZero();
    List<String> backup = new ArrayList<>(plain);
    backup.addAll(List.of("backup", src.toString()));
    Run refused = run(backup, env, tmp);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.stderr()).contains("Fatal: cannot read the exact name of",
        "--add-opens java.base/sun.nio.fs=ALL-UNNAMED");
    assertThat(refused.stdout()).doesNotContain(" saved");
  }

  @Test
  void theImagesFilesExistAndItsMoverEntryPointRunsCairnMover() throws Exception {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    Matcher copy = Pattern.compile("(?m)^COPY (?:--from=build )?(\\S+) (\\S+)$")
        .matcher(dockerfile);
    List<String> sources = new ArrayList<>();
    while (copy.find()) {
      String from = copy.group(1).replaceFirst("^/src/", "");
      sources.add(from);
      assertThat(ROOT.resolve(from)).as("COPY source %s", from).exists();
    }
    assertThat(sources).contains("cli/target/cairn.jar", "bin/cairn",
        "deploy/image/mover-restic/entry.sh");
    assertThat(dockerfile).contains("/mover-restic/entry.sh", "USER 65532",
        "ENTRYPOINT [\"cairn\"]");
    Path entry = ROOT.resolve("deploy/image/mover-restic/entry.sh");
    assertThat(Files.isExecutable(entry)).isTrue();

    // the image's PATH: bin/cairn as "cairn", the jar where CAIRN_JAR says
    Path bin = Files.createDirectories(tmp.resolve("path"));
    Files.createSymbolicLink(bin.resolve("cairn"), ROOT.resolve("bin/cairn"));
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("file.txt"), "from the volume");
    Path termination = tmp.resolve("termination-log");
    Map<String, String> env = Map.of(
        "PATH", bin + ":" + System.getenv("PATH"),
        "CAIRN_JAR", JAR.toString(),
        "CAIRN_CDS", "off",
        "DATA_DIR", data.toString(),
        "RESTIC_CACHE_DIR", tmp.resolve("cache").toString(),
        "RESTIC_REPOSITORY", tmp.resolve("repo").toString(),
        "RESTIC_PASSWORD", PASSWORD,
        "PRIVILEGED_MOVER", "0",
        "FORGET_OPTIONS", "--keep-last 1",
        "TERMINATION_MESSAGE_PATH", termination.toString());
    Run mover = run(List.of(entry.toString(), "backup"), env, tmp);
    assertThat(mover.exit()).as(mover.stdout() + mover.stderr()).isZero();
    String[] lines = mover.stdout().strip().split("\n");
    String last = lines[lines.length - 1];
    assertThat(ResultSchema.validate(last).path("outcome").asText()).isEqualTo("ok");
    assertThat(Files.readString(termination, StandardCharsets.UTF_8)).isEqualTo(last);
    Run unknown = run(List.of(entry.toString(), "replicate"), env, tmp);
    assertThat(unknown.exit()).isEqualTo(2);
  }

  @Test
  void binCairnMakesOneClassDataArchivePerKindOfStoreAndUsesIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("opt"));
    Path jar = Files.copy(JAR, dir.resolve("cairn.jar"));
    Map<String, String> env = Map.of("CAIRN_JAR", jar.toString(), "CAIRN_CDS", "on");
    String cairn = ROOT.resolve("bin/cairn").toString();
    Run first = run(List.of(cairn, "version"), env, tmp);
    assertThat(first.exit()).as(first.stderr()).isZero();
    assertThat(archives(dir)).containsOnlyKeys("local");
    // an S3 repository, however it is given, gets the archive trained on S3
    Run s3 = run(List.of(cairn, "--repo=s3:http://127.0.0.1:9/bucket", "version"), env, tmp);
    assertThat(s3.exit()).as(s3.stderr()).isZero();
    Map<String, Long> sizes = archives(dir);
    assertThat(sizes).containsOnlyKeys("local", "s3");
    assertThat(sizes.get("s3") - sizes.get("local")).as("the S3 client's classes")
        .isGreaterThan(10L << 20);
    Map<String, String> s3Env = new java.util.HashMap<>(env);
    s3Env.put("RESTIC_REPOSITORY", "s3:http://127.0.0.1:9/bucket");
    for (Map<String, String> e : List.of(env, s3Env)) {
      Run again = run(List.of(cairn, "version"), e, tmp);
      assertThat(again.exit()).isZero();
      assertThat(again.stdout()).isEqualTo(first.stdout());
      assertThat(again.stderr()).isEmpty();
    }
    assertThat(archives(dir)).isEqualTo(sizes);
  }

  /** The class-data archives next to a jar, by kind of store, with their sizes. */
  private static Map<String, Long> archives(Path dir) throws IOException {
    Map<String, Long> found = new java.util.TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = Pattern.compile("cairn-cds-(local|s3)-.+\\.jsa").matcher(
            f.getFileName().toString());
        if (m.matches()) {
          found.put(m.group(1), Files.size(f));
        }
      }
    }
    return found;
  }
}
