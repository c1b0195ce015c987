package dev.cairn.cli;

import dev.cairn.backend.Backend;
import dev.cairn.backend.LimitedBackend;
import dev.cairn.core.CairnException;
import dev.cairn.pack.Compression;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns the global options and environment into a backend chain, a password and an open
 * repository. The one place where stores and decorators are put together.
 */
final class RepositoryLocator {
  private final GlobalOptions options;
  private final Map<String, String> env;

  RepositoryLocator(GlobalOptions options, Map<String, String> env) {
    this.options = options;
    this.env = env;
  }

  /** The repository string from {@code -r}, {@code --repository-file} or the environment. */
  String location() throws IOException {
    String repo = options.repo != null ? options.repo : env.get("RESTIC_REPOSITORY");
    Path file = options.repoFile;
    if (file == null && env.get("RESTIC_REPOSITORY_FILE") != null) {
      file = Path.of(env.get("RESTIC_REPOSITORY_FILE"));
    }
    if (repo == null && file != null) {
      repo = Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    if (repo == null || repo.isEmpty()) {
      throw new CairnException(
          "Please specify repository location (-r or --repository-file, or RESTIC_REPOSITORY)");
    }
    return repo;
  }

  /** The store for the repository string, wrapped in the connection limit. */
  Backend backend() throws IOException {
    Backend store = BackendFactory.open(location(), new ExtendedOptions(options.extended), env,
        BackendFactory.Tls.of(options.caCerts, options.insecureTls, env));
    return new LimitedBackend(store);
  }

  Compression compression() {
    String c = options.compression != null ? options.compression : env.get("RESTIC_COMPRESSION");
    return c == null || c.isEmpty() ? Compression.AUTO : Compression.parse(c);
  }

  /** Target pack size in bytes (restic: 16 MiB default, 4..128 MiB). */
  int packSize() {
    Integer mib = options.packSize;
    if (mib == null && env.get("RESTIC_PACK_SIZE") != null) {
      mib = Integer.parseInt(env.get("RESTIC_PACK_SIZE").trim());
    }
    if (mib == null || mib == 0) {
      return 16 << 20;
    }
    if (mib < 4 || mib > 128) {
      throw new CairnException("pack size " + mib + " MiB is outside the range 4..128 MiB");
    }
    return mib << 20;
  }

  /** Opens the repository (without loading the index). */
  Repository open() throws IOException {
    return RepositoryOpener.open(backend(), password(false), compression());
  }

  /**
   * The password from {@code RESTIC_PASSWORD}, the password file or command, or a terminal
   * prompt (asked twice when {@code confirm}).
   */
  String password(boolean confirm) throws IOException {
    String pw = env.get("RESTIC_PASSWORD");
    Path file = options.passwordFile;
    if (file == null && env.get("RESTIC_PASSWORD_FILE") != null) {
      file = Path.of(env.get("RESTIC_PASSWORD_FILE"));
    }
    String command =
        options.passwordCommand != null ? options.passwordCommand : env.get("RESTIC_PASSWORD_COMMAND");
    if (file != null) {
      pw = firstLine(Files.readString(file, StandardCharsets.UTF_8));
    } else if (command != null) {
      pw = runPasswordCommand(command);
    }
    if (pw == null) {
      Console console = System.console();
      if (console == null) {
        throw new CairnException(
            "Resolving password failed: no password given (set RESTIC_PASSWORD, "
                + "--password-file or --password-command)");
      }
      char[] a = console.readPassword("enter password for repository: ");
      if (confirm) {
        char[] b = console.readPassword("enter password again: ");
        if (!new String(a).equals(new String(b))) {
          throw new CairnException("passwords do not match");
        }
      }
      pw = new String(a);
    }
    if (pw.isEmpty()) {
      throw new CairnException("an empty password is not allowed");
    }
    return pw;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String runPasswordCommand(String command) throws IOException {
    Process p = new ProcessBuilder("sh", "-c", command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new CairnException("password command \"" + command + "\" failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted running the password command");
    }
    return firstLine(out);
  }
}
