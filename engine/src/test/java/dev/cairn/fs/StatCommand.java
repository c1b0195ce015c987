package dev.cairn.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs coreutils commands on plain ASCII paths for tests to compare against. */
final class StatCommand {

  private StatCommand() {}

  /** The output of {@code stat --format=FORMAT path}, trimmed. */
  static String stat(String format, Path path) throws IOException, InterruptedException {
    return run("stat", "--format=" + format, path.toString());
  }

  /** Runs a command, fails on a non-zero exit, returns trimmed stdout. */
  static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** True when this process runs as root. */
  static boolean isRoot() {
    return Accounts.isRoot();
  }
}
