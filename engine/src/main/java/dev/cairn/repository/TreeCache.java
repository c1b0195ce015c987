package dev.cairn.repository;

import dev.cairn.core.Id;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded least-recently-used cache of tree blob plaintext, by total bytes. */
final class TreeCache {
  private final long capacity;
  private final LinkedHashMap<Id, byte[]> map = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  TreeCache(long capacity) {
    this.capacity = capacity;
  }

  synchronized byte[] get(Id id) {
    return map.get(id);
  }

  synchronized void put(Id id, byte[] tree) {
    if (tree.length > capacity / 4) {
      return;
    }
    byte[] old = map.put(id, tree);
    bytes += tree.length - (old == null ? 0 : old.length);
    var it = map.entrySet().iterator();
    while (bytes > capacity && it.hasNext()) {
      Map.Entry<Id, byte[]> e = it.next();
      bytes -= e.getValue().length;
      it.remove();
    }
  }
}
