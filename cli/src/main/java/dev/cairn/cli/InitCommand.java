package dev.cairn.cli;

import dev.cairn.chunker.Polynomial;
import dev.cairn.cli.repo.RepositoryLocator;
import dev.cairn.crypto.KdfParams;
import dev.cairn.repository.Repository;
import dev.cairn.repository.RepositoryOpener;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cairn init}: creates a repository. */
@Command(name = "init", description = "Initialize a new repository")
final class InitCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--repository-version", description = "repository format version: 1, 2, latest or stable (default stable = 2)")
  String version = "stable";

  @Override
  public Integer call() throws Exception {
    int v = switch (version) {
      case "1" -> 1;
      case "2", "latest", "stable" -> 2;
      default -> throw new IllegalArgumentException(
          "invalid repository version \"" + version + "\": want 1, 2, latest or stable");
    };
    RepositoryLocator loc = main.locator();
    String password = loc.password(true);
    String pol = Polynomial.random(new SecureRandom()).hex();
    try (Repository repo =
        RepositoryOpener.init(loc.backend(), password, v, pol, KdfParams.DEFAULT)) {
      if (main.global().json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_type", "initialized");
        m.put("id", repo.config().id());
        m.put("repository", repo.backend().location());
        main.out().json(m);
      } else if (!main.global().quiet) {
        main.out().println("created restic repository " + repo.config().id().substring(0, 10)
            + " at " + repo.backend().location() + "\n\n"
            + "Please note that knowledge of your password is required to access\n"
            + "the repository. Losing your password means that your data is\n"
            + "irrecoverably lost.");
      }
    }
    return ExitCodes.OK;
  }
}
