package dev.cairn.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.IntegrityException;
import java.io.IOException;
import java.util.Base64;

/** The master key's JSON: {@code {"mac":{"k":…,"r":…},"encrypt":…}} (restic-format.md 2.2). */
public final class MasterKeyJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MasterKeyJson() {}

  /** Compact JSON in restic's field order. */
  public static byte[] encode(Key key) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode mac = o.putObject("mac");
    mac.put("k", Base64.getEncoder().encodeToString(key.macK()));
    mac.put("r", Base64.getEncoder().encodeToString(key.macR()));
    o.put("encrypt", Base64.getEncoder().encodeToString(key.encryptKey()));
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode master key", e);
    }
  }

  /** Pretty JSON as {@code restic cat masterkey} prints it. */
  public static String pretty(Key key) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(encode(key)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode master key", e);
    }
  }

  /**
   * Parses the master key JSON.
   *
   * @throws IntegrityException when a field is missing or has the wrong length
   */
  public static Key decode(byte[] json) {
    try {
      JsonNode o = JSON.readTree(json);
      byte[] k = Base64.getDecoder().decode(o.path("mac").path("k").asText());
      byte[] r = Base64.getDecoder().decode(o.path("mac").path("r").asText());
      byte[] enc = Base64.getDecoder().decode(o.path("encrypt").asText());
      return new Key(enc, k, r);
    } catch (IOException | IllegalArgumentException e) {
      throw new IntegrityException("invalid master key JSON: " + e.getMessage(), e);
    }
  }
}
