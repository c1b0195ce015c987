package dev.cairn.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that makes one process the configuration's runner ({@code DIR/.cairn/lock}): the
 * service holds it while it runs, and {@code sync} without a service takes it for its run. The
 * operating system releases it when the holder dies, so a killed service never blocks the next.
 */
public final class ServiceLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ServiceLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or null when another process holds it. */
  public static ServiceLock tryTake(StandaloneOptions options) throws IOException {
    Files.createDirectories(options.stateDir());
    FileChannel ch = FileChannel.open(options.stateDir().resolve("lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      return null;
    }
    return new ServiceLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
