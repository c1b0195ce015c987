package dev.cairn.cli;

import static dev.cairn.cli.Interop.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn forget} against {@code restic forget} (0.14) on the same repository: the keep and
 * remove sets per group agree for policies where 0.14's rules coincide with current restic's;
 * the oldest-snapshot rule (0.16+) is asserted as the documented difference.
 */
class ForgetInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir Path tmp;

  /** Per group key: each kept snapshot's time with its reasons' matches and counters, in order. */
  private static Map<String, List<String>> reasons(String json) throws Exception {
    String line = json.lines().filter(l -> l.startsWith("[")).reduce((a, b) -> b).orElseThrow();
    Map<String, List<String>> out = new TreeMap<>();
    for (JsonNode g : JSON.readTree(line)) {
      String key = g.get("host").asText() + "|" + g.get("paths") + "|" + g.get("tags");
      List<String> rs = new ArrayList<>();
      for (JsonNode r : g.get("reasons")) {
        rs.add(r.get("snapshot").get("time").asText() + " " + r.get("matches") + " "
            + r.get("counters"));
      }
      out.put(key, rs);
    }
    return out;
  }

  /** Per group key ("host|paths|tags"): [keep ids, remove ids]. */
  private static Map<String, List<Set<String>>> groups(String json) throws Exception {
    String line = json.lines().filter(l -> l.startsWith("[")).reduce((a, b) -> b).orElseThrow(
        () -> new AssertionError("no JSON array in: " + json));
    Map<String, List<Set<String>>> out = new TreeMap<>();
    for (JsonNode g : JSON.readTree(line)) {
      String key = g.get("host").asText() + "|" + g.get("paths") + "|" + g.get("tags");
      out.put(key, List.of(ids(g.get("keep")), ids(g.get("remove"))));
    }
    return out;
  }

  private static Set<String> ids(JsonNode arr) {
    Set<String> s = new HashSet<>();
    if (arr != null && !arr.isNull()) {
      for (JsonNode n : arr) {
        s.add(n.get("id").asText());
      }
    }
    return s;
  }

  /** Two hosts, ~12 irregular snapshots each over two years; the oldest two of each host on one day. */
  private Path setUp(Cli cairn, Path repo) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("f.txt"), "forget me not");
    cairn.run("init").assertOk();
    Random rnd = new Random(42);
    for (String host : new String[] {"alpha", "beta"}) {
      LocalDateTime t = LocalDateTime.parse("2023-01-03T08:00:00");
      List<LocalDateTime> times = new ArrayList<>(List.of(t, t.plusHours(3)));
      while (times.size() < 12) {
        t = t.plusHours(20 + rnd.nextInt(24 * 90));
        times.add(t);
      }
      for (int i = 0; i < times.size(); i++) {
        List<String> args = new ArrayList<>(List.of("--host", host, "--time",
            times.get(i).format(FMT)));
        if (i % 4 == 1) {
          args.addAll(List.of("--tag", "keepme"));
        } else if (i % 4 == 2) {
          args.addAll(List.of("--tag", "other,x"));
        }
        Interop.cairnBackup(cairn, src, args.toArray(String[]::new));
      }
    }
    return src;
  }

  @Test
  void dryRunAgreesWithResticAndRealForgetPassesCheck() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    Cli cairn = new Cli(repo, PASSWORD);
    setUp(cairn, repo);

    List<List<String>> policies = List.of(
        List.of("--keep-last", "3"),
        List.of("--keep-daily", "4"),
        List.of("--keep-weekly", "3"),
        List.of("--keep-monthly", "5"),
        List.of("--keep-yearly", "1"),
        List.of("--keep-within", "150d"),
        List.of("--keep-within", "1y2m"),
        List.of("--keep-tag", "keepme"),
        List.of("--keep-tag", "other,x", "--keep-tag", "keepme", "--keep-last", "1"),
        List.of("--keep-daily", "2", "--keep-monthly", "3", "--keep-tag", "keepme"),
        List.of("--group-by", "host", "--keep-last", "2"),
        List.of("--group-by", "host,paths,tags", "--keep-last", "1"),
        List.of("--host", "alpha", "--keep-weekly", "2"),
        List.of("--tag", "keepme", "--keep-last", "1"));
    for (List<String> policy : policies) {
      List<String> args = new ArrayList<>(List.of("forget", "--dry-run", "--json"));
      args.addAll(policy);
      String ours = cairn.run(args.toArray(String[]::new)).assertOk().stdout();
      String theirs = restic.run(repo, PASSWORD, args.toArray(String[]::new)).assertOk()
          .stdoutText();
      assertThat(groups(ours)).as("policy %s", policy).isEqualTo(groups(theirs));
      assertThat(reasons(ours)).as("reasons for %s", policy).isEqualTo(reasons(theirs));
    }

    // documented difference: since 0.16 the oldest snapshot is kept while the bucket has count
    // left; restic 0.14 removes it when it shares its day with a newer one
    String ours = cairn.run("forget", "--dry-run", "--json", "--keep-daily", "100").assertOk()
        .stdout();
    String theirs = restic.run(repo, PASSWORD, "forget", "--dry-run", "--json", "--keep-daily",
        "100").assertOk().stdoutText();
    Map<String, List<Set<String>>> o = groups(ours);
    Map<String, List<Set<String>>> t = groups(theirs);
    assertThat(o.keySet()).isEqualTo(t.keySet());
    for (String key : o.keySet()) {
      assertThat(t.get(key).get(1)).hasSize(1);
      assertThat(o.get(key).get(1)).isEmpty();
      Set<String> expected = new HashSet<>(t.get(key).get(0));
      expected.addAll(t.get(key).get(1));
      assertThat(o.get(key).get(0)).isEqualTo(expected);
    }
    assertThat(ours).contains("\"oldest daily snapshot\"");

    // refusals remove nothing
    Cli.Result empty = cairn.run("forget");
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.stderr()).contains("no policy was specified");
    Cli.Result all = cairn.run("forget", "--keep-tag", "nosuchtag");
    assertThat(all.exitCode()).isEqualTo(1);
    assertThat(all.stderr()).contains("refusing to delete last snapshot");
    assertThat(resticIds(restic, repo)).hasSize(24);

    // real forget, then restic sees exactly the kept snapshots and checks the repository
    String planned = cairn.run("forget", "--dry-run", "--json", "--keep-last", "2",
        "--keep-tag", "keepme").assertOk().stdout();
    Set<String> kept = new HashSet<>();
    groups(planned).values().forEach(g -> kept.addAll(g.get(0)));
    Cli.Result real = cairn.run("forget", "--keep-last", "2", "--keep-tag", "keepme").assertOk();
    assertThat(real.stdout()).contains("keep 5 snapshots:").contains("remove 7 snapshots:");
    assertThat(resticIds(restic, repo)).isEqualTo(kept);

    // explicit ids bypass the policy
    String victim = kept.iterator().next();
    cairn.run("forget", victim.substring(0, 8)).assertOk();
    kept.remove(victim);
    assertThat(resticIds(restic, repo)).isEqualTo(kept);

    ResticBinary.Result check = restic.check(repo, PASSWORD, false);
    assertThat(check.exitCode()).withFailMessage(() -> "restic check: " + check).isZero();
  }

  private static Set<String> resticIds(ResticBinary restic, Path repo) throws Exception {
    Set<String> s = new HashSet<>();
    for (JsonNode n : JSON.readTree(restic.run(repo, PASSWORD, "snapshots", "--json")
        .assertOk().stdoutText())) {
      s.add(n.get("id").asText());
    }
    return s;
  }
}
