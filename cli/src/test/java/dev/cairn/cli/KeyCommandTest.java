package dev.cairn.cli;

import static dev.cairn.cli.Acceptance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.backend.local.LocalBackend;
import dev.cairn.cli.report.Output;
import dev.cairn.core.HostIdentity;
import dev.cairn.pack.Compression;
import dev.cairn.repository.Lock;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import dev.cairn.testing.ResticBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn key list|add|remove|passwd}, and that restic and Cairn share the keys. */
class KeyCommandTest {
  private static final String NEW = "a-new-password";

  @TempDir Path tmp;

  private Path initRepo() {
    Path repo = tmp.resolve("repo");
    new Cli(repo, PASSWORD).run("init").assertOk();
    return repo;
  }

  private Path passwordFile(String pw) throws Exception {
    Path f = tmp.resolve("pw-" + pw);
    Files.writeString(f, pw + "\n");
    return f;
  }

  private static List<String> keyFiles(Path repo) throws Exception {
    try (Stream<Path> s = Files.list(repo.resolve("keys"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static JsonNode listJson(Path repo, String pw) throws Exception {
    return Output.json().readTree(new Cli(repo, pw).run("key", "list", "--json").assertOk().stdout());
  }

  @Test
  void listShowsTheKeyAndMarksTheCurrentOne() throws Exception {
    Path repo = initRepo();
    String id = keyFiles(repo).get(0);
    HostIdentity me = HostIdentity.current();
    String text = new Cli(repo, PASSWORD).run("key", "list").assertOk().stdout();
    assertThat(text).contains("ID").contains("User").contains("Host").contains("Created")
        .contains("*" + id.substring(0, 8)).contains(me.hostname()).contains(me.username());

    JsonNode arr = listJson(repo, PASSWORD);
    assertThat(arr).hasSize(1);
    assertThat(arr.get(0).get("current").asBoolean()).isTrue();
    assertThat(arr.get(0).get("id").asText()).isEqualTo(id.substring(0, 8));
    assertThat(arr.get(0).get("userName").asText()).isEqualTo(me.username());
    assertThat(arr.get(0).get("hostName").asText()).isEqualTo(me.hostname());
    assertThat(Acceptance.lockFiles(repo)).isEmpty();
  }

  @Test
  void addedKeyOpensTheRepositoryForCairnAndRestic() throws Exception {
    Path repo = initRepo();
    Cli.Result add = new Cli(repo, PASSWORD).run("key", "add", "--new-password-file",
        passwordFile(NEW).toString(), "--user", "alice", "--host", "laptop").assertOk();
    assertThat(add.stdout()).startsWith("saved new key as ");
    assertThat(keyFiles(repo)).hasSize(2);

    JsonNode arr = listJson(repo, NEW);
    assertThat(arr).hasSize(2);
    int current = 0;
    for (JsonNode k : arr) {
      if (k.get("current").asBoolean()) {
        current++;
        assertThat(k.get("userName").asText()).isEqualTo("alice");
        assertThat(k.get("hostName").asText()).isEqualTo("laptop");
      }
    }
    assertThat(current).isEqualTo(1);
    new Cli(repo, PASSWORD).run("snapshots").assertOk();

    ResticBinary restic = ResticBinary.require();
    restic.run(repo, NEW, "snapshots").assertOk();
    restic.run(repo, PASSWORD, "snapshots").assertOk();
    assertThat(restic.run(repo, NEW, "key", "list").assertOk().stdoutText()).contains("alice");
  }

  @Test
  void removeRefusesTheKeyInUseAndRemovesAnother() throws Exception {
    Path repo = initRepo();
    String original = keyFiles(repo).get(0);
    new Cli(repo, PASSWORD).run("key", "add", "--new-password-file",
        passwordFile(NEW).toString()).assertOk();

    Cli.Result self = new Cli(repo, PASSWORD).run("key", "remove", original.substring(0, 8));
    assertThat(self.exitCode()).isEqualTo(1);
    assertThat(self.stderr()).contains("refusing to remove key currently used");
    assertThat(keyFiles(repo)).hasSize(2).contains(original);

    Cli.Result other = new Cli(repo, NEW).run("key", "remove", original.substring(0, 8))
        .assertOk();
    assertThat(other.stdout()).contains("removed key " + original);
    assertThat(keyFiles(repo)).hasSize(1).doesNotContain(original);
    assertThat(new Cli(repo, PASSWORD).run("snapshots").exitCode()).isEqualTo(12);
    ResticBinary.require().run(repo, NEW, "snapshots").assertOk();
    assertThat(Acceptance.lockFiles(repo)).isEmpty();
  }

  @Test
  void passwdReplacesTheKey() throws Exception {
    Path repo = initRepo();
    String original = keyFiles(repo).get(0);
    new Cli(repo, PASSWORD).run("key", "passwd", "--new-password-file",
        passwordFile(NEW).toString()).assertOk();
    assertThat(keyFiles(repo)).hasSize(1).doesNotContain(original);
    assertThat(new Cli(repo, PASSWORD).run("snapshots").exitCode()).isEqualTo(12);
    new Cli(repo, NEW).run("snapshots").assertOk();
    ResticBinary restic = ResticBinary.require();
    restic.run(repo, NEW, "snapshots").assertOk();
    restic.check(repo, NEW, false).assertOk();
  }

  @Test
  void cairnOpensWithAKeyResticAdded() throws Exception {
    Path repo = tmp.resolve("repo");
    ResticBinary restic = ResticBinary.require();
    restic.init(repo, PASSWORD);
    restic.run(repo, PASSWORD, "key", "add", "--new-password-file",
        passwordFile(NEW).toString()).assertOk();
    new Cli(repo, NEW).run("snapshots").assertOk();
    assertThat(listJson(repo, NEW)).hasSize(2);
    // and restic's passwd output is readable by Cairn too
    Path third = passwordFile("third-password");
    restic.run(repo, NEW, "key", "passwd", "--new-password-file", third.toString()).assertOk();
    new Cli(repo, "third-password").run("key", "list").assertOk();
    assertThat(new Cli(repo, NEW).run("snapshots").exitCode()).isEqualTo(12);
  }

  @Test
  void removeAndPasswdNeedTheRepositoryToThemselves() throws Exception {
    Path repo = initRepo();
    try (Repository r = RepositoryOpener.open(new LocalBackend(repo), PASSWORD, Compression.AUTO);
        Lock held = Lock.acquire(r, false, Duration.ZERO)) {
      Cli.Result passwd = new Cli(repo, PASSWORD).run("key", "passwd", "--new-password-file",
          passwordFile(NEW).toString());
      assertThat(passwd.exitCode()).isEqualTo(11);
      Cli.Result remove = new Cli(repo, PASSWORD).run("key", "remove", "0000");
      assertThat(remove.exitCode()).isEqualTo(11);
      // list and add only need a shared lock
      new Cli(repo, PASSWORD).run("key", "list").assertOk();
      new Cli(repo, PASSWORD).run("key", "add", "--new-password-file",
          passwordFile(NEW).toString()).assertOk();
    }
    assertThat(keyFiles(repo)).hasSize(2);
  }
}
