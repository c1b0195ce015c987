package dev.cairn.restore;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** {@code restore --verify}: reads every restored file back and checks each blob's SHA-256. */
final class Verifier {
  private final PackSource packs;
  private final RestoreErrors errors;

  Verifier(PackSource packs, RestoreErrors errors) {
    this.packs = packs;
    this.errors = errors;
  }

  /** Returns the number of files verified without error. */
  long verify(List<FileTarget> files) {
    AtomicLong ok = new AtomicLong();
    files.parallelStream().filter(f -> !f.failed()).forEach(f -> {
      if (check(f)) {
        ok.incrementAndGet();
      }
    });
    return ok.get();
  }

  private boolean check(FileTarget f) {
    List<Id> content = f.content == null ? List.of() : f.content;
    try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
      long offset = 0;
      for (Id id : content) {
        PackedBlob b = packs.locate(new BlobHandle(id, BlobType.DATA)).get(0);
        ByteBuffer buf = ByteBuffer.allocate(b.plaintextLength());
        while (buf.hasRemaining()) {
          if (ch.read(buf, offset + buf.position()) < 0) {
            errors.add(f.path, "verify: file is shorter than its content");
            return false;
          }
        }
        Id actual = Id.hash(buf.array());
        if (!actual.equals(id)) {
          errors.add(f.path, "verify: content at offset " + offset + " does not match blob "
              + id.hex());
          return false;
        }
        offset += b.plaintextLength();
      }
      if (ch.size() != offset) {
        errors.add(f.path, "verify: size " + ch.size() + " differs from " + offset);
        return false;
      }
      return true;
    } catch (IOException e) {
      errors.add(f.path, "verify: " + e.getMessage());
      return false;
    }
  }
}
