package dev.cairn.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The known migrations, in the order they are listed and applied. */
public final class Migrations {
  private final List<Migration> all;

  /**
   * The known migrations; those that keep a local copy of repository files put it in a new
   * directory below {@code tempRoot}.
   */
  public Migrations(Path tempRoot) {
    this.all = List.of(new UpgradeRepoV2(new ConfigReplacer(tempRoot)));
  }

  /** Every known migration. */
  public List<Migration> all() {
    return all;
  }

  /** The migration called {@code name}, if there is one. */
  public Optional<Migration> find(String name) {
    return all.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The names of all migrations, comma-separated, for messages. */
  public String names() {
    return String.join(", ", all.stream().map(Migration::name).toList());
  }
}
