package dev.cairn.repository;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.core.IntegrityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The repository's {@code config} (restic-format.md section 3): format version, repository id
 * and chunker polynomial. Stored sealed, never compressed.
 */
public record Config(int version, String id, String chunkerPolynomial) {
  // jackson-core only: the databind ObjectMapper costs a third of a second at start-up.
  private static final JsonFactory JSON = new JsonFactory();

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
    String version = null;
    String id = "";
    String pol = "";
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IntegrityException("invalid config: not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "version" -> version = p.getValueAsString();
          case "id" -> id = p.getValueAsString("");
          case "chunker_polynomial" -> pol = p.getValueAsString("");
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IntegrityException("invalid config: " + e.getMessage(), e);
    }
    if (!"1".equals(version) && !"2".equals(version)) {
      throw new IntegrityException("unsupported repository version "
          + (version == null ? "" : version) + " (want 1 or 2)");
    }
    if (id.isEmpty() || pol.isEmpty()) {
      throw new IntegrityException("invalid config: missing id or chunker_polynomial");
    }
    return new Config(Integer.parseInt(version), id, pol);
  }
}
