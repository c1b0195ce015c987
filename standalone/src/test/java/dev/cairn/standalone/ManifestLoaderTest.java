package dev.cairn.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  @TempDir Path dir;

  private static final String SOURCE = """
      apiVersion: volsync.backube/v1alpha1
      kind: ReplicationSource
      metadata: {name: %s}
      spec:
        sourcePVC: data
        trigger: {schedule: "%s"}
        restic: {repository: repo, copyMethod: Direct}
      """;

  @Test
  void loadsMultiDocumentFilesWithSecretsAndDefaultsTheNamespace() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), """
        apiVersion: v1
        kind: Secret
        metadata: {name: repo, namespace: default}
        data: {RESTIC_PASSWORD: %s}
        stringData: {RESTIC_REPOSITORY: /srv/repo}
        ---
        """.formatted(Base64.getEncoder().encodeToString("pw".getBytes()))
        + SOURCE.formatted("one", "0 * * * *"));
    Files.writeString(dir.resolve("b.yml"), SOURCE.formatted("two", "@daily"));
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");

    Manifests m = new ManifestLoader().load(dir);

    assertThat(m.problems()).isEmpty();
    assertThat(m.resources()).extracting(r -> r.key().id())
        .containsExactly("ReplicationSource/default/one", "ReplicationSource/default/two");
    assertThat(m.secret("default", "repo")).containsEntry("RESTIC_PASSWORD", "pw")
        .containsEntry("RESTIC_REPOSITORY", "/srv/repo");
    assertThat(m.resources().get(0).file()).isEqualTo(dir.resolve("a.yaml"));
  }

  @Test
  void eachBadDocumentIsAProblemNamingTheFileAndTheOthersLoad() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), SOURCE.formatted("good", "0 * * * *"));
    Files.writeString(dir.resolve("b.yaml"), "kind: [unclosed\n");
    Files.writeString(dir.resolve("c.yaml"), SOURCE.formatted("cron", "0 25 * * *"));
    Files.writeString(dir.resolve("d.yaml"), SOURCE.formatted("typo", "0 * * * *")
        .replace("sourcePVC", "sourcePvc"));
    Files.writeString(dir.resolve("e.yaml"), SOURCE.formatted("good", "0 * * * *")
        + "---\nkind: ConfigMap\nmetadata: {name: x}\n");
    Files.writeString(dir.resolve("f.yaml"), SOURCE.formatted("rsync", "0 * * * *")
        .replace("restic: {repository: repo, copyMethod: Direct}", "rsync: {}"));

    Manifests m = new ManifestLoader().load(dir);

    assertThat(m.resources()).extracting(r -> r.key().name()).containsExactly("good");
    assertThat(m.problems()).hasSize(6);
    assertThat(m.problems().get(0)).startsWith(dir.resolve("b.yaml") + ": not valid YAML");
    assertThat(m.problems().get(1)).startsWith(dir.resolve("c.yaml")
        + ": ReplicationSource default/cron: ").contains("spec.trigger.schedule");
    assertThat(m.problems().get(2)).isEqualTo(dir.resolve("d.yaml") + ": ReplicationSource"
        + " default/typo: unknown field spec.sourcePvc (ReplicationSource"
        + " volsync.backube/v1alpha1 has no such field)");
    assertThat(m.problems().get(3)).isEqualTo(dir.resolve("e.yaml") + " (document 1):"
        + " ReplicationSource default/good is defined twice; the first one is used");
    assertThat(m.problems().get(4)).isEqualTo(dir.resolve("e.yaml") + " (document 2): kind"
        + " ConfigMap of x is not one of Secret, ReplicationSource, ReplicationDestination");
    assertThat(m.problems().get(5)).isEqualTo(dir.resolve("f.yaml") + ": ReplicationSource"
        + " default/rsync: spec.restic is missing: Cairn runs only the restic mover");
  }

  @Test
  void aMissingDirectoryIsAProblem() {
    Manifests m = new ManifestLoader().load(dir.resolve("nope"));
    assertThat(m.resources()).isEmpty();
    assertThat(m.problems()).singleElement().asString()
        .startsWith(dir.resolve("nope") + ": cannot read the configuration directory");
  }
}
