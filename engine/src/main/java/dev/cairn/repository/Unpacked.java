package dev.cairn.repository;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import dev.cairn.core.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The plaintext encoding of snapshots, index and lock files (restic-format.md section 4): raw
 * JSON in version 1; in version 2 a {@code 0x02} byte followed by one zstd frame, while raw
 * JSON starting with {@code {} or {@code [} is still accepted on read.
 */
final class Unpacked {
  private static final byte ZSTD = 0x02;

  private Unpacked() {}

  static byte[] encode(byte[] json, int version) {
    if (version < 2) {
      return json;
    }
    try (ZstdCompressCtx c = new ZstdCompressCtx()) {
      c.setLevel(3);
      c.setChecksum(false);
      byte[] z = c.compress(json);
      byte[] out = new byte[z.length + 1];
      out[0] = ZSTD;
      System.arraycopy(z, 0, out, 1, z.length);
      return out;
    }
  }

  static byte[] decode(byte[] plain, int version, String name) {
    if (plain.length == 0 || version < 2 || plain[0] == '{' || plain[0] == '[') {
      return plain;
    }
    if (plain[0] != ZSTD) {
      throw new IntegrityException(
          name + ": not supported encoding format " + (plain[0] & 0xff));
    }
    // restic's frames may lack a content size: decompress as a stream.
    try (InputStream in =
        new ZstdInputStream(new ByteArrayInputStream(plain, 1, plain.length - 1))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IntegrityException(name + ": invalid zstd data: " + e.getMessage(), e);
    }
  }
}
