package dev.cairn.backend.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendContractTest;
import dev.cairn.backend.Handle;
import dev.cairn.core.FileType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs the {@link Backend} contract against {@link MemBackend}. */
class MemBackendTest extends BackendContractTest {
  @Override
  protected Backend newBackend(Path tempDir) {
    return new MemBackend("mem:test/");
  }

  @Test
  void savedBytesAreCopied() throws Exception {
    byte[] data = bytes(16);
    Handle h = saveNamed(FileType.PACK, data.clone());
    byte[] loaded = backend.load(h);
    loaded[0] ^= 1;
    assertThat(backend.load(h)).isEqualTo(data);
  }

  @Test
  void saveRejectsARangeOutsideTheArray() {
    Handle h = new Handle(FileType.PACK, "ab".repeat(32));
    assertThatThrownBy(() -> backend.save(h, new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void messagesNameTheStore() {
    Handle h = new Handle(FileType.LOCK, "cd".repeat(32));
    assertThatThrownBy(() -> backend.stat(h)).hasMessage("mem:test/locks/" + "cd".repeat(32));
  }
}
