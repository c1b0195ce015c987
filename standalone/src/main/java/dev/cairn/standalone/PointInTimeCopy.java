package dev.cairn.standalone;

import dev.cairn.operator.api.v1alpha1.CopyMethod;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReferenceBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The volume a run works on. {@code Direct}: the directory itself. A source's {@code Snapshot}
 * or {@code Clone}: a copy made by the configured snapshot command ({@code sh -c} with {@code
 * SOURCE} and {@code TARGET}) under {@code DIR/.cairn/snapshots/}, backed up, then deleted. A
 * destination restores into its directory; with {@code Snapshot} or {@code Clone} the command
 * then copies the restored directory to {@code <volume>-<time>}, which becomes its {@code
 * latestImage} (older images are kept for the user to remove).
 */
final class PointInTimeCopy {
  private static final long COMMAND_TIMEOUT_MINUTES = 30;

  private final StandaloneOptions options;
  private final Managed m;
  private final CopyMethod method;
  private final Path volume;
  private Path copy;

  PointInTimeCopy(StandaloneOptions options, Managed m, CopyMethod method, Path volume) {
    this.options = options;
    this.m = m;
    this.method = method;
    this.volume = volume;
  }

  /** The directory the mover gets as {@code DATA_DIR}. */
  Path prepare() throws IOException {
    if (!m.key().source()) {
      return Files.createDirectories(volume);
    }
    if (method == CopyMethod.Direct) {
      return volume;
    }
    Path target = options.stateDir().resolve("snapshots").resolve(m.key().namespace())
        .resolve(m.key().name());
    delete(target);
    Files.createDirectories(target.getParent());
    run(volume, target);
    copy = target;
    return target;
  }

  /** After a destination's restore: the image to publish as {@code latestImage}. */
  TypedLocalObjectReference afterRestore(Instant now) {
    if (m.key().source()) {
      return null;
    }
    if (method == CopyMethod.Direct) {
      return new TypedLocalObjectReferenceBuilder().withKind("PersistentVolumeClaim")
          .withName(volume.getFileName().toString()).build();
    }
    Path image = volume.resolveSibling(volume.getFileName() + "-"
        + now.toString().replace(":", "").replace("-", ""));
    try {
      run(volume, image);
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot of " + volume, e);
    }
    return new TypedLocalObjectReferenceBuilder().withApiGroup("snapshot.storage.k8s.io")
        .withKind("VolumeSnapshot").withName(image.getFileName().toString()).build();
  }

  /** Deletes a source's copy. */
  void release() {
    if (copy != null) {
      try {
        delete(copy);
      } catch (IOException e) {
        // the next run's prepare deletes it
      }
    }
  }

  private void run(Path source, Path target) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", options.snapshotCommand());
    pb.environment().put("SOURCE", source.toString());
    pb.environment().put("TARGET", target.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (!p.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("the snapshot command did not end within "
            + COMMAND_TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for the snapshot command", e);
    }
    if (p.exitValue() != 0 || !Files.isDirectory(target)) {
      throw new IOException("the snapshot command (--snapshot-command) failed for " + source
          + " -> " + target + " with exit code " + p.exitValue() + ": " + out.strip());
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        Files.delete(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
