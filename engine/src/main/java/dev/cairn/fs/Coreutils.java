package dev.cairn.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs coreutils commands ({@code mknod}, {@code mkfifo}, {@code touch}) on files whose paths may
 * not survive the String-typed process arguments. The parent directory is reached through a fresh
 * symlink in a private temporary directory with a plain ASCII path (Java creates the symlink from
 * raw bytes), and a final name that is not plain ASCII is replaced by a temporary one, renamed by
 * Java before or after the command.
 */
final class Coreutils {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long TIMEOUT_SECONDS = 60;

  /** Placeholder in a command for the argument naming the file. */
  static final String FILE = "\0file";

  private Coreutils() {}

  /** How the command treats the file: creates it, or changes an existing one. */
  enum Target { CREATE, EXISTING }

  /**
   * Runs {@code command}, with the argument {@link #FILE} replaced by one that names {@code file}.
   *
   * @param operation for error messages
   */
  static void run(String operation, Path file, Target target, List<String> command) throws FileOperationException {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null || absolute.getFileName() == null) {
      throw new FileOperationException(operation, file, "no parent directory");
    }
    byte[] name = RawNames.name(absolute);
    boolean plain = isPlain(name);
    Path aliasDir = null;
    try {
      aliasDir = Files.createTempDirectory(tempRoot(), "cairn-fs-");
      Path alias = aliasDir.resolve("d");
      Files.createSymbolicLink(alias, parent);
      String tempName = plain ? null : ".cairn-" + HexFormat.of().formatHex(RANDOM.generateSeed(8));
      String argName = plain ? new String(name, StandardCharsets.US_ASCII) : tempName;
      if (!plain && target == Target.EXISTING) {
        Files.move(absolute, parent.resolve(tempName));
      } else if (!plain && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(absolute.toString());
      }
      boolean done = false;
      try {
        List<String> args = new ArrayList<>(command);
        args.replaceAll(arg -> arg.equals(FILE) ? alias + "/" + argName : arg);
        exec(operation, file, args);
        done = true;
      } finally {
        if (!plain) {
          restoreName(parent.resolve(tempName), absolute, target == Target.EXISTING || done,
              target == Target.CREATE);
        }
      }
    } catch (FileOperationException e) {
      throw e;
    } catch (IOException e) {
      throw new FileOperationException(operation, file, e);
    } finally {
      deleteQuietly(aliasDir);
    }
  }

  /** Renames the temporary file back to its real name, or removes a half-made one. */
  private static void restoreName(Path temp, Path real, boolean keep, boolean created)
      throws IOException {
    if (!keep) {
      Files.deleteIfExists(temp);
      return;
    }
    try {
      Files.move(temp, real);
    } catch (IOException e) {
      if (created && Files.exists(real, LinkOption.NOFOLLOW_LINKS)) { // lost a race: do not leave a stray file
        Files.deleteIfExists(temp);
      }
      throw e;
    }
  }

  private static void exec(String operation, Path file, List<String> args) throws IOException {
    Process process = new ProcessBuilder(args).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new FileOperationException(operation, file, args.get(0) + " timed out");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new FileOperationException(operation, file, "interrupted");
    }
    if (process.exitValue() != 0) {
      // Strip the alias path from the tool's message: it is meaningless to the user.
      int colon = output.lastIndexOf(": ");
      String reason = colon >= 0 ? output.substring(colon + 2) : output;
      throw new FileOperationException(operation, file,
          args.get(0) + " exited with " + process.exitValue() + (reason.isEmpty() ? "" : ": " + reason));
    }
  }

  /** Printable ASCII without a leading dash: survives any charset and any argument parser. */
  private static boolean isPlain(byte[] name) {
    if (name.length == 0 || name[0] == '-') {
      return false;
    }
    for (byte b : name) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static Path tempRoot() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath();
    return isPlain(RawNames.bytes(tmp)) ? tmp : Path.of("/tmp");
  }

  private static void deleteQuietly(Path aliasDir) {
    if (aliasDir == null) {
      return;
    }
    try {
      Files.deleteIfExists(aliasDir.resolve("d"));
      Files.deleteIfExists(aliasDir);
    } catch (IOException ignored) {
      // a leftover empty directory and symlink in the temp dir are harmless
    }
  }
}
