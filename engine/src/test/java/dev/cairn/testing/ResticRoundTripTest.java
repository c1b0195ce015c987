package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The harness end to end, with nothing but the restic binary: init, backup, restore, compare. */
class ResticRoundTripTest {
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path tmp;

  @Test
  void resticRestoresSampleTreeWithAwkwardNames() throws Exception {
    ResticBinary restic = ResticBinary.require();
    assertThat(restic.version()).startsWith("restic ");
    Path repo = tmp.resolve("repo");
    Path source = SampleTree.create(tmp.resolve("source")).addAwkwardNames().root();
    restic.init(repo, PASSWORD);

    String id = restic.backup(repo, PASSWORD, source);
    assertThat(id).matches("[0-9a-f]{64}");
    restic.check(repo, PASSWORD, true).assertOk();

    Path target = tmp.resolve("target");
    restic.restore(repo, PASSWORD, id, target);
    // restic restores a backed-up absolute path below the target, e.g. target/tmp/junit.../source
    Path restored = target.resolve(source.toAbsolutePath().toString().substring(1));

    TreeSnapshot original = TreeSnapshot.of(source);
    TreeSnapshot copy = TreeSnapshot.of(restored);
    assertThat(original.diff(copy, TreeSnapshot.Options.resticRoundTrip())).isEmpty();
    // restic 0.14 has no --sparse, and keeps symlink targets as UTF-8 strings: in the strict
    // comparison the sparse file comes back dense and the one non-UTF-8 target lossy
    assertThat(original.diff(copy))
        .containsExactlyInAnyOrder(
            "sparse.img: SPARSE sparse != dense",
            "awkward/dir\\nwith-\\xff/link-with space: SIZE 14 != 18",
            "awkward/dir\\nwith-\\xff/link-with space: TARGET \"../mixed-\u00e9-\\xfe\\x80\" != "
                + "\"../mixed-\u00e9-\ufffd\ufffd\"");
  }

  @Test
  void wrongPasswordFailsWithStderr() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    restic.init(repo, PASSWORD);
    ResticBinary.Result result = restic.run(repo, "wrong", "snapshots");
    assertThat(result.exitCode()).isNotZero();
    assertThatThrownBy(result::assertOk)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("snapshots")
        .hasMessageContaining("exit code: " + result.exitCode())
        .hasMessageContaining(result.stderr().strip());
  }

  @Test
  void missingBinaryFailsInCiAndSkipsElsewhere() {
    assertThatThrownBy(() -> ResticBinary.require(Optional.empty(), "true"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI=true: install the Debian package restic");
    assertThatThrownBy(() -> ResticBinary.require(Optional.empty(), null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("restic binary not found");
    assertThat(ResticBinary.require(Optional.of(Path.of("/bin/true")), "true").executable())
        .isEqualTo(Path.of("/bin/true"));
  }

  @Test
  void extraEnvironmentAndWorkingDirectory() throws Exception {
    ResticBinary restic = ResticBinary.require();
    Path repo = tmp.resolve("repo");
    restic.init(repo, PASSWORD);
    // a relative repository path resolves against the working directory
    ResticBinary.Result result =
        restic.run(Path.of("repo"), null, Map.of("RESTIC_PASSWORD", PASSWORD), tmp,
            "snapshots", "--json");
    assertThat(result.assertOk().stdoutText().strip()).isEqualTo("[]");
  }
}
