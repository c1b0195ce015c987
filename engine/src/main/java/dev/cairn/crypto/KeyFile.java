package dev.cairn.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.core.IntegrityException;
import java.io.ByteArrayOutputStream;
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

  // jackson-core only: the databind ObjectMapper costs a third of a second at start-up.
  private static final JsonFactory JSON = new JsonFactory();
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("created", created);
      g.writeStringField("username", username);
      g.writeStringField("hostname", hostname);
      g.writeStringField("kdf", kdf);
      g.writeNumberField("N", params.n());
      g.writeNumberField("r", params.r());
      g.writeNumberField("p", params.p());
      g.writeStringField("salt", Base64.getEncoder().encodeToString(salt));
      g.writeStringField("data", Base64.getEncoder().encodeToString(data));
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode key file", e);
    }
    return out.toByteArray();
  }

  /**
   * Parses a key file.
   *
   * @throws IntegrityException when it is not a valid scrypt key file
   */
  public static KeyFile decode(byte[] json) {
    String created = "";
    String username = "";
    String hostname = "";
    String kdf = "";
    String salt = "";
    String data = "";
    int n = 0;
    int r = 0;
    int par = 0;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IntegrityException("invalid key file: not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "created" -> created = p.getValueAsString("");
          case "username" -> username = p.getValueAsString("");
          case "hostname" -> hostname = p.getValueAsString("");
          case "kdf" -> kdf = p.getValueAsString("");
          case "N" -> n = p.getValueAsInt();
          case "r" -> r = p.getValueAsInt();
          case "p" -> par = p.getValueAsInt();
          case "salt" -> salt = p.getValueAsString("");
          case "data" -> data = p.getValueAsString("");
          default -> p.skipChildren();
        }
      }
      if (!"scrypt".equals(kdf)) {
        throw new IntegrityException("unsupported key derivation \"" + kdf + "\"");
      }
      byte[] saltBytes = Base64.getDecoder().decode(salt);
      if (saltBytes.length != Kdf.SALT_SIZE) {
        throw new IntegrityException("invalid salt length " + saltBytes.length + ", want 64");
      }
      return new KeyFile(created, username, hostname, kdf, new KdfParams(n, r, par), saltBytes,
          Base64.getDecoder().decode(data));
    } catch (IOException | IllegalArgumentException e) {
      throw new IntegrityException("invalid key file: " + e.getMessage(), e);
    }
  }
}
