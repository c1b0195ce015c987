package dev.cairn.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.IntegrityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The repository's {@code config} (restic-format.md section 3): format version, repository id
 * and chunker polynomial. Stored sealed, never compressed.
 */
public record Config(int version, String id, String chunkerPolynomial) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** This config with another format version; id and chunker polynomial stay. */
  public Config withVersion(int newVersion) {
    return new Config(newVersion, id, chunkerPolynomial);
  }

  /** Compact JSON without a trailing newline, as restic 0.14 writes it. */
  public byte[] encode() {
    return ("{\"version\":" + version + ",\"id\":\"" + id + "\",\"chunker_polynomial\":\""
            + chunkerPolynomial + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses config JSON (with or without a trailing newline).
   *
   * @throws IntegrityException on an unknown version or a missing field
   */
  public static Config decode(byte[] json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (IOException e) {
      throw new IntegrityException("invalid config: " + e.getMessage(), e);
    }
    int version = o.path("version").asInt(-1);
    if (version != 1 && version != 2) {
      throw new IntegrityException(
          "unsupported repository version " + o.path("version") + " (want 1 or 2)");
    }
    String id = o.path("id").asText("");
    String pol = o.path("chunker_polynomial").asText("");
    if (id.isEmpty() || pol.isEmpty()) {
      throw new IntegrityException("invalid config: missing id or chunker_polynomial");
    }
    return new Config(version, id, pol);
  }
}
