package dev.cairn.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.mem.MemBackend;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the {@link Backend} contract through {@link CountingBackend}, and checks the counts. */
class CountingBackendTest extends BackendContractTest {
  @Override
  protected Backend newBackend(Path tempDir) {
    return new CountingBackend(new MemBackend());
  }

  @Test
  void countsRequestsAndBytesByKind() throws Exception {
    CountingBackend counting = (CountingBackend) backend;
    assertThat(counting.stats()).isEqualTo(RequestStats.NONE);
    byte[] a = bytes(1000);
    byte[] b = bytes(24);
    Handle ha = saveNamed(FileType.PACK, a);
    Handle hb = saveNamed(FileType.INDEX, b);
    backend.load(ha);
    backend.load(ha, 100, 50);
    backend.load(hb);
    backend.stat(ha);
    backend.list(FileType.PACK, fi -> {});
    backend.remove(hb);
    Handle missing = new Handle(FileType.PACK, Id.hash(new byte[] {9}).hex());
    assertThatThrownBy(() -> backend.load(missing)).isInstanceOf(NoSuchFileException.class);
    RequestStats s = counting.stats();
    assertThat(s).isEqualTo(new RequestStats(2, 1024, 4, 1074, 1, 1, 1));
    assertThat(s.requests()).isEqualTo(9);
    assertThat(s.toMap()).containsExactly(Map.entry("put_requests", 2L),
        Map.entry("put_bytes", 1024L), Map.entry("get_requests", 4L),
        Map.entry("get_bytes", 1074L), Map.entry("head_requests", 1L),
        Map.entry("list_requests", 1L), Map.entry("delete_requests", 1L));
  }

  @Test
  void underRetriesEveryAttemptIsCounted() throws Exception {
    MemBackend mem = new MemBackend();
    FaultyBackend faulty = new FaultyBackend(mem);
    CountingBackend counting = new CountingBackend(faulty);
    Backend chain = new RetryingBackend(counting, new RetryPolicy(5, Duration.ofMillis(1), 2,
        Duration.ofMillis(2), Duration.ofSeconds(5)), null);
    byte[] data = bytes(100);
    Handle h = new Handle(FileType.PACK, Id.hash(data).hex());
    faulty.failNext(2, new SocketException("Connection reset"));
    chain.save(h, data, 0, data.length);
    assertThat(counting.stats().putRequests()).isEqualTo(3);
    assertThat(counting.stats().putBytes()).isEqualTo(300);
  }
}
