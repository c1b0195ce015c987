package dev.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParentCommand;

/** {@code cairn version}: prints the version, as {@code restic version} does. */
@Command(name = "version", description = "Print version information")
final class VersionCommand implements Callable<Integer> {
  static final String VERSION = "0.1.0";

  @ParentCommand Main main;

  static String line() {
    return "cairn " + VERSION + " compiled with Java " + Runtime.version().feature() + " on "
        + System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch");
  }

  @Override
  public Integer call() {
    if (main.global().json) {
      main.out().json(java.util.Map.of(
          "message_type", "version", "version", VERSION,
          "java_version", Runtime.version().toString(),
          "go_os", System.getProperty("os.name").toLowerCase(),
          "go_arch", System.getProperty("os.arch")));
    } else {
      main.out().println(line());
    }
    return ExitCodes.OK;
  }

  /** Feeds {@code --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {line()};
    }
  }
}
