package dev.cairn.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.IntegrityException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A key file ({@code keys/<id>}, restic-format.md 2.1): plain JSON holding scrypt parameters, a
 * salt, and the master key sealed with the key derived from a password.
 */
public record KeyFile(
    String created,
    String username,
    String hostname,
    String kdf,
    KdfParams params,
    byte[] salt,
    byte[] data) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Wraps {@code master} for {@code password} with a fresh salt. */
  public static KeyFile create(
      Key master, String password, KdfParams params, String username, String hostname) {
    byte[] salt = new byte[Kdf.SALT_SIZE];
    RANDOM.nextBytes(salt);
    Key user = Kdf.deriveKey(password, salt, params);
    byte[] data = user.seal(MasterKeyJson.encode(master));
    String created = OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    return new KeyFile(created, username, hostname, "scrypt", params, salt, data);
  }

  /**
   * Derives the user key from {@code password} and opens the master key.
   *
   * @throws IntegrityException when the password does not open this key (MAC mismatch)
   */
  public Key unlock(String password) {
    Key user = Kdf.deriveKey(password, salt, params);
    byte[] plain = user.open(data);
    Key master = MasterKeyJson.decode(plain);
    if (!master.isValid()) {
      throw new IntegrityException("key file holds an all-zero master key");
    }
    return master;
  }

  /** Compact JSON in restic's field order. */
  public byte[] encode() {
    ObjectNode o = JSON.createObjectNode();
    o.put("created", created);
    o.put("username", username);
    o.put("hostname", hostname);
    o.put("kdf", kdf);
    o.put("N", params.n());
    o.put("r", params.r());
    o.put("p", params.p());
    o.put("salt", Base64.getEncoder().encodeToString(salt));
    o.put("data", Base64.getEncoder().encodeToString(data));
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode key file", e);
    }
  }

  /**
   * Parses a key file.
   *
   * @throws IntegrityException when it is not a valid scrypt key file
   */
  public static KeyFile decode(byte[] json) {
    try {
      JsonNode o = JSON.readTree(json);
      String kdf = o.path("kdf").asText();
      if (!"scrypt".equals(kdf)) {
        throw new IntegrityException("unsupported key derivation \"" + kdf + "\"");
      }
      byte[] salt = Base64.getDecoder().decode(o.path("salt").asText());
      if (salt.length != Kdf.SALT_SIZE) {
        throw new IntegrityException("invalid salt length " + salt.length + ", want 64");
      }
      KdfParams params = new KdfParams(o.path("N").asInt(), o.path("r").asInt(), o.path("p").asInt());
      return new KeyFile(
          o.path("created").asText(),
          o.path("username").asText(),
          o.path("hostname").asText(),
          kdf,
          params,
          salt,
          Base64.getDecoder().decode(o.path("data").asText()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IntegrityException("invalid key file: " + e.getMessage(), e);
    }
  }
}
