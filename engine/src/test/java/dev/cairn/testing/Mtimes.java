package dev.cairn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sets modification times with nanosecond precision on any kind of entry. Regular files and
 * directories go through {@link Files#setLastModifiedTime} (checked to keep the nanoseconds);
 * other entries, and any file where the nanoseconds did not stick, through {@code touch -h -d},
 * which never follows symlinks and never opens FIFOs or devices.
 */
final class Mtimes {
  private Mtimes() {}

  /**
   * Gives every entry under {@code root} (inclusive) a distinct fixed mtime: the i-th path in
   * sorted order gets {@code base + i seconds + i * 1111 ns}.
   */
  static void setAll(Path root, Instant base) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted().collect(Collectors.toList());
    }
    for (int i = 0; i < paths.size(); i++) {
      set(paths.get(i), base.plusSeconds(i).plusNanos(i * 1111L));
    }
  }

  /** Sets the mtime of {@code path} itself (not a symlink's target) to {@code time}. */
  static void set(Path path, Instant time) throws IOException {
    boolean plain =
        Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
            || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    if (plain) {
      Files.setLastModifiedTime(path, FileTime.from(time));
      FileTime now = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
      if (now.toInstant().equals(time)) {
        return;
      }
    }
    String stamp = time.getEpochSecond() + "." + String.format("%09d", time.getNano());
    HostTools.exec("touch", "-h", "-m", "-d", "@" + stamp, path.toString());
  }
}
