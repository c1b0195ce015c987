package dev.cairn.cli.mover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code docs/mover-result.schema.json}, for tests that check real mover results against it. */
public final class ResultSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = load();

  private ResultSchema() {}

  private static JsonSchema load() {
    Path file = Path.of("..", "docs", "mover-result.schema.json");
    try {
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
          .build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JSON.readTree(Files.readString(file)), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  /**
   * Parses {@code json} and checks it against the schema and the 4 KiB termination-message
   * limit.
   *
   * @throws AssertionError listing what does not match
   */
  public static JsonNode validate(String json) {
    if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MoverResult.MAX_BYTES) {
      throw new AssertionError("mover result longer than 4096 bytes: " + json);
    }
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("mover result is not JSON: " + json, e);
    }
    Set<ValidationMessage> errors = SCHEMA.validate(node);
    if (!errors.isEmpty()) {
      throw new AssertionError("mover result does not match docs/mover-result.schema.json: "
          + errors + "\n" + json);
    }
    return node;
  }
}
