package dev.cairn.backend;

import dev.cairn.core.FileType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * A decorator that forwards every call to the store it wraps; subclasses override the calls
 * they change (the shape of Lucene's {@code FilterDirectory}). Forwarding keeps the
 * {@link Backend} contract, so a subclass only has to keep it in what it overrides.
 */
public abstract class FilterBackend implements Backend {
  /** The wrapped store. */
  protected final Backend inner;

  protected FilterBackend(Backend inner) {
    this.inner = inner;
  }

  @Override
  public String location() {
    return inner.location();
  }

  @Override
  public int connections() {
    return inner.connections();
  }

  @Override
  public void create() throws IOException {
    inner.create();
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    inner.save(h, data, off, len);
  }

  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    inner.save(h, src, len);
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    return inner.load(h, offset, length);
  }

  @Override
  public void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    inner.load(h, offset, dst, dstOff, length);
  }

  @Override
  public long stat(Handle h) throws IOException {
    return inner.stat(h);
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    inner.list(type, fn);
  }

  @Override
  public void remove(Handle h) throws IOException {
    inner.remove(h);
  }

  @Override
  public void removeIfPresent(Handle h) throws IOException {
    inner.removeIfPresent(h);
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
