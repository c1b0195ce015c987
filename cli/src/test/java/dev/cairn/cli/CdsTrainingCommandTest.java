package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.backend.s3.S3Backend;
import dev.cairn.backend.s3.S3Config;
import dev.cairn.backend.s3.S3Location;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cairn cds-training} runs every step it trains on, on a local or an S3 repository
 * ({@link TrainingS3Endpoint}), and says nothing (a failed step makes it exit 1, and bin/cairn
 * then keeps no archive); the training endpoint answers the S3 store's requests as S3 does.
 */
class CdsTrainingCommandTest {
  @ParameterizedTest
  @ValueSource(strings = {"local", "s3"})
  void everyStepSucceedsAndNothingIsPrinted(String store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"cds-training", "--store", store}, Map.of(),
        InputStream.nullInputStream(), out, err);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.size()).isZero();
    assertThat(err.size()).isZero();
  }

  @Test
  void theTrainingEndpointAnswersTheS3StoreAsS3Does() throws Exception {
    try (TrainingS3Endpoint endpoint = new TrainingS3Endpoint()) {
      Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "key");
      S3Location loc = S3Location.parse(
          "s3:" + endpoint.url() + "/" + TrainingS3Endpoint.BUCKET + "/repo");
      try (S3Backend s3 = new S3Backend(S3Config.of(loc, env, Map.of()))) {
        s3.create();
        byte[] data = "some pack bytes".getBytes(StandardCharsets.UTF_8);
        Handle pack = new Handle(FileType.PACK, Id.hash(data).hex());
        s3.save(pack, data, 0, data.length);
        assertThatThrownBy(() -> s3.save(pack, data, 0, data.length))
            .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(s3.load(pack, 5, 4)).isEqualTo("pack".getBytes(StandardCharsets.UTF_8));
        assertThat(s3.stat(pack)).isEqualTo(data.length);
        Map<String, Long> listed = new HashMap<>();
        s3.list(FileType.PACK, (FileInfo fi) -> listed.put(fi.name(), fi.size()));
        assertThat(listed).containsExactly(Map.entry(pack.name(), (long) data.length));
        s3.remove(pack);
        assertThatThrownBy(() -> s3.stat(pack)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> s3.load(pack)).isInstanceOf(NoSuchFileException.class);
      }
    }
  }
}
