package dev.cairn.backend.mem;

import dev.cairn.backend.Backend;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A store that keeps its files in memory, with the full {@link Backend} contract: files are
 * written once, loads copy, and lists skip names that are not 64 hex digits. Its contents live as
 * long as the object; {@link #close} keeps them. For tests and for runs that must not write.
 */
public final class MemBackend implements Backend {
  private final Map<Handle, byte[]> files = new ConcurrentHashMap<>();
  private final String location;

  /** An empty store named {@code mem:}. */
  public MemBackend() {
    this("mem:");
  }

  /** An empty store named {@code location} in messages. */
  public MemBackend(String location) {
    this.location = location;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public int connections() {
    return 2;
  }

  @Override
  public void create() throws IOException {
    if (files.containsKey(Handle.CONFIG)) {
      throw new FileAlreadyExistsException(name(Handle.CONFIG), null, "repository already exists");
    }
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, data.length);
    byte[] copy = Arrays.copyOfRange(data, off, off + len);
    if (files.putIfAbsent(h, copy) != null) {
      throw new FileAlreadyExistsException(name(h));
    }
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length for " + name(h));
    }
    byte[] data = file(h);
    long want = length == 0 ? data.length - offset : length;
    if (offset > data.length || offset + want > data.length) {
      throw new EOFException(
          name(h) + ": wanted " + want + " bytes at offset " + offset + ", file has "
              + data.length);
    }
    return Arrays.copyOfRange(data, (int) offset, (int) (offset + want));
  }

  @Override
  public long stat(Handle h) throws IOException {
    return file(h).length;
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) {
    for (Map.Entry<Handle, byte[]> e : files.entrySet()) {
      Handle h = e.getKey();
      if (h.type() == type && Id.isValid(h.name())) {
        fn.accept(new FileInfo(h.name(), e.getValue().length));
      }
    }
  }

  @Override
  public void remove(Handle h) throws IOException {
    if (files.remove(h) == null) {
      throw new NoSuchFileException(name(h));
    }
  }

  @Override
  public void close() {
    // the files stay, so a test can reopen the same store
  }

  @Override
  public String toString() {
    return location;
  }

  private byte[] file(Handle h) throws NoSuchFileException {
    byte[] data = files.get(h);
    if (data == null) {
      throw new NoSuchFileException(name(h));
    }
    return data;
  }

  private String name(Handle h) {
    return location + h;
  }
}
