package dev.cairn.restore;

import dev.cairn.fs.RawNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Problems met during a restore, each naming the item; collected from several threads. */
final class RestoreErrors {
  private final List<String> list = new ArrayList<>();

  synchronized void add(Path path, String why) {
    list.add(RawNames.display(path) + ": " + why);
  }

  synchronized List<String> all() {
    return List.copyOf(list);
  }
}
