package dev.cairn.backup;

import dev.cairn.fs.RawNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The backup targets arranged as the top of the snapshot tree (restic-format.md 7.2): an
 * absolute target {@code /srv/x/src} becomes {@code srv/x/src} below the root, a relative one
 * its cleaned components; intermediate directories take their metadata from the real ones.
 */
final class Targets {
  /** One level of the arranged tree. */
  static final class Level {
    final Path source;
    final boolean target;
    final TreeMap<byte[], Level> children = new TreeMap<>(Arrays::compareUnsigned);

    Level(Path source, boolean target) {
      this.source = source;
      this.target = target;
    }
  }

  private Targets() {}

  /**
   * The entries of a directory as targets at the root, as restic arranges {@code backup .}: the
   * directory's contents make up the root tree, and the directory itself is not recorded.
   */
  static Level contents(List<Path> entries) {
    Level root = new Level(null, false);
    for (Path e : entries) {
      root.children.put(RawNames.name(e), new Level(e, true));
    }
    return root;
  }

  /** Arranges {@code targets} below a root level; targets must exist (checked by the caller). */
  static Level arrange(List<Path> targets) {
    Level root = new Level(null, false);
    for (Path t : targets) {
      Path abs = t.toAbsolutePath().normalize();
      Path rel = t.normalize();
      List<Path> comps = new ArrayList<>();
      Path base;
      if (t.isAbsolute()) {
        base = abs.getRoot();
        abs.forEach(comps::add);
      } else {
        for (Path c : rel) {
          if (!c.toString().equals("..")) {
            comps.add(c);
          }
        }
        if (comps.isEmpty() || comps.get(0).toString().equals(".")) {
          comps = List.of(abs.getFileName());
        }
        base = abs;
        for (int i = 0; i < comps.size(); i++) {
          base = base.getParent();
        }
      }
      Level at = root;
      Path src = base;
      for (int i = 0; i < comps.size(); i++) {
        src = src.resolve(comps.get(i));
        boolean last = i == comps.size() - 1;
        byte[] name = RawNames.name(comps.get(i));
        Level next = at.children.get(name);
        if (next == null) {
          next = new Level(src, last);
          at.children.put(name, next);
        } else if (last) {
          at.children.put(name, new Level(src, true));
          next = at.children.get(name);
        }
        if (next.target) {
          break;
        }
        at = next;
      }
    }
    return root;
  }
}
