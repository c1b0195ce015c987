package dev.cairn.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who runs this process and where: written into snapshots and locks, as restic does. */
public record HostIdentity(String hostname, String username, long uid, long gid, long pid) {
  private static final HostIdentity CURRENT = probe();

  /** The identity of this process, read once. */
  public static HostIdentity current() {
    return CURRENT;
  }

  private static HostIdentity probe() {
    String host = System.getenv("HOSTNAME");
    try {
      host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      // not Linux: fall back to the environment
    }
    if (host == null || host.isEmpty()) {
      host = "localhost";
    }
    long uid = -1;
    long gid = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          uid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
        } else if (line.startsWith("Gid:")) {
          gid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // ids stay unknown
    }
    return new HostIdentity(
        host, System.getProperty("user.name", ""), uid, gid, ProcessHandle.current().pid());
  }
}
