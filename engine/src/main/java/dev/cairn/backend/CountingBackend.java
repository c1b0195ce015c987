package dev.cairn.backend;

import dev.cairn.core.FileType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts the requests made to a store and the bytes they move, by kind ({@link RequestStats}).
 * A request is counted when it is made, whether it succeeds or not, so that placed innermost,
 * under {@link RetryingBackend}, every attempt is counted. {@link #create} is not counted. Safe
 * for use from several threads; {@link #stats} may be called at any time.
 */
public final class CountingBackend extends FilterBackend {
  private final LongAdder puts = new LongAdder();
  private final LongAdder putBytes = new LongAdder();
  private final LongAdder gets = new LongAdder();
  private final LongAdder getBytes = new LongAdder();
  private final LongAdder heads = new LongAdder();
  private final LongAdder lists = new LongAdder();
  private final LongAdder deletes = new LongAdder();

  /** Counts the requests made to {@code inner}. */
  public CountingBackend(Backend inner) {
    super(inner);
  }

  /** The counts so far (each count is exact; counts of calls still running may be partial). */
  public RequestStats stats() {
    return new RequestStats(puts.sum(), putBytes.sum(), gets.sum(), getBytes.sum(), heads.sum(),
        lists.sum(), deletes.sum());
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    puts.increment();
    putBytes.add(len);
    inner.save(h, data, off, len);
  }

  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    puts.increment();
    putBytes.add(len);
    inner.save(h, src, len);
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    gets.increment();
    byte[] b = inner.load(h, offset, length);
    getBytes.add(b.length);
    return b;
  }

  @Override
  public void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    gets.increment();
    inner.load(h, offset, dst, dstOff, length);
    getBytes.add(length);
  }

  @Override
  public long stat(Handle h) throws IOException {
    heads.increment();
    return inner.stat(h);
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    lists.increment();
    inner.list(type, fn);
  }

  @Override
  public void remove(Handle h) throws IOException {
    deletes.increment();
    inner.remove(h);
  }

  @Override
  public void removeIfPresent(Handle h) throws IOException {
    deletes.increment();
    inner.removeIfPresent(h);
  }

  @Override
  public String toString() {
    return "counting(" + inner + ")";
  }
}
