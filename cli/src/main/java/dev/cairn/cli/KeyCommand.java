package dev.cairn.cli;

import dev.cairn.core.CairnException;
import dev.cairn.core.FileType;
import dev.cairn.core.HostIdentity;
import dev.cairn.core.Id;
import dev.cairn.crypto.KdfParams;
import dev.cairn.operation.HeldLock;
import dev.cairn.repository.Keys;
import dev.cairn.repository.Repository;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn key list|add|remove|passwd}: manages the key files that wrap the master key, as
 * restic does. {@code list} and {@code add} take a non-exclusive lock, {@code remove} and
 * {@code passwd} an exclusive one.
 */
@Command(
    name = "key",
    description = "Manage keys (passwords)",
    subcommands = {
      KeyCommand.ListKeys.class,
      KeyCommand.AddKey.class,
      KeyCommand.RemoveKey.class,
      KeyCommand.ChangePassword.class
    })
final class KeyCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    throw new CairnException("key: specify one of list, add, remove, passwd");
  }

  /** Options for the new password and the new key's owner. */
  static final class NewKeyOptions {
    @Option(names = "--new-password-file", description = "file from which to read the new password")
    Path newPasswordFile;

    @Option(names = "--user", description = "the username for the new key")
    String user;

    @Option(names = "--host", description = "the hostname for the new key")
    String host;

    String password(Main main) throws IOException {
      String pw;
      if (newPasswordFile != null) {
        pw = firstLine(Files.readString(newPasswordFile, StandardCharsets.UTF_8));
      } else if (main.env().get("RESTIC_NEW_PASSWORD") != null) {
        pw = main.env().get("RESTIC_NEW_PASSWORD");
      } else {
        Console console = System.console();
        if (console == null) {
          throw new CairnException("Resolving password failed: no new password given "
              + "(use --new-password-file)");
        }
        char[] a = console.readPassword("enter new password: ");
        char[] b = console.readPassword("enter password again: ");
        if (!new String(a).equals(new String(b))) {
          throw new CairnException("passwords do not match");
        }
        pw = new String(a);
      }
      if (pw.isEmpty()) {
        throw new CairnException("an empty password is not allowed");
      }
      return pw;
    }

    Id add(Repository repo, String password) throws IOException {
      HostIdentity me = HostIdentity.current();
      return Keys.add(repo, password, KdfParams.DEFAULT, user != null ? user : me.username(),
          host != null ? host : me.hostname());
    }

    private static String firstLine(String s) {
      int nl = s.indexOf('\n');
      String line = nl < 0 ? s : s.substring(0, nl);
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
  }

  @Command(name = "list", description = "List keys")
  static final class ListKeys implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @ParentCommand KeyCommand key;

    @Override
    public Integer call() throws Exception {
      Main main = key.main;
      try (Repository repo = main.locator().open();
          HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.READ, main.lockOptions())) {
        List<Keys.Entry> keys = Keys.list(repo.backend());
        if (main.global().json) {
          List<Object> arr = new ArrayList<>();
          for (Keys.Entry e : keys) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("current", e.id().equals(repo.keyId()));
            m.put("id", e.id().shortHex());
            m.put("userName", e.file().username());
            m.put("hostName", e.file().hostname());
            m.put("created", created(e.file().created()));
            arr.add(m);
          }
          main.out().json(arr);
          return ExitCodes.OK;
        }
        StringBuilder sb = new StringBuilder();
        String fmt = "%-9s  %-10s  %-10s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, " ID", "User", "Host", "Created"));
        sb.append("-".repeat(52)).append('\n');
        for (Keys.Entry e : keys) {
          String id = (e.id().equals(repo.keyId()) ? "*" : " ") + e.id().shortHex();
          sb.append(String.format(Locale.ROOT, fmt, id, e.file().username(),
              e.file().hostname(), created(e.file().created())));
        }
        sb.append("-".repeat(52));
        main.out().println(sb.toString());
      }
      return ExitCodes.OK;
    }

    private static String created(String rfc3339) {
      try {
        return OffsetDateTime.parse(rfc3339).atZoneSameInstant(ZoneId.systemDefault())
            .format(TIME);
      } catch (DateTimeParseException e) {
        return rfc3339;
      }
    }
  }

  @Command(name = "add", description = "Add a new key (password) for the repository")
  static final class AddKey implements Callable<Integer> {
    @ParentCommand KeyCommand key;

    @picocli.CommandLine.Mixin NewKeyOptions newKey;

    @Override
    public Integer call() throws Exception {
      Main main = key.main;
      try (Repository repo = main.locator().open();
          HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.APPEND, main.lockOptions())) {
        Id id = newKey.add(repo, newKey.password(main));
        if (!main.global().quiet) {
          main.out().println("saved new key as " + id.hex());
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove", description = "Remove a key (password) from the repository")
  static final class RemoveKey implements Callable<Integer> {
    @ParentCommand KeyCommand key;

    @Parameters(paramLabel = "ID", description = "the key to remove (a unique prefix will do)")
    String id;

    @Override
    public Integer call() throws Exception {
      Main main = key.main;
      try (Repository repo = main.locator().open();
          HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.EXCLUSIVE, main.lockOptions())) {
        Id target = repo.resolve(FileType.KEY, id);
        Keys.remove(repo, target);
        if (!main.global().quiet) {
          main.out().println("removed key " + target.hex());
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "passwd", description = "Change the password: add a new key, remove the current one")
  static final class ChangePassword implements Callable<Integer> {
    @ParentCommand KeyCommand key;

    @picocli.CommandLine.Mixin NewKeyOptions newKey;

    @Override
    public Integer call() throws Exception {
      Main main = key.main;
      try (Repository repo = main.locator().open();
          HeldLock lock = HeldLock.acquire(repo, HeldLock.Mode.EXCLUSIVE, main.lockOptions())) {
        String pw = newKey.password(main);
        Id id = newKey.add(repo, pw);
        repo.backend().remove(new dev.cairn.backend.Handle(FileType.KEY, repo.keyId().hex()));
        if (!main.global().quiet) {
          main.out().println("saved new key as " + id.hex());
        }
      }
      return ExitCodes.OK;
    }
  }
}
